package com.foobar.app.config;

/**
 * The two servers the project supports differ in their GTID functions; everything else in
 * the project's SQL is common to both.
 */
enum DatabaseFlavor {

	/** MySQL 8.4: GTID sets ({@code uuid:1-42}). */
	MYSQL("SELECT @@GLOBAL.gtid_executed", "SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?)"),

	/** MariaDB 11.x: GTID positions ({@code 0-1-42}). */
	MARIADB("SELECT @@GLOBAL.gtid_binlog_pos", "SELECT MASTER_GTID_WAIT(?, ?)");

	/** On the primary: the position that includes every transaction committed so far. */
	final String positionQuery;

	/**
	 * On the replica: waits up to a timeout (seconds) for a position; 0 when it has it.
	 */
	final String waitQuery;

	DatabaseFlavor(String positionQuery, String waitQuery) {
		this.positionQuery = positionQuery;
		this.waitQuery = waitQuery;
	}

	static DatabaseFlavor of(String version) {
		return (version != null && version.contains("MariaDB")) ? MARIADB : MYSQL;
	}

}
