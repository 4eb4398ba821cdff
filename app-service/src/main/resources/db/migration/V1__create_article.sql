-- Articles of www.foobar.com (MySQL 9.7).
-- mediumtext: a body of 20000 characters can take 80000 bytes in utf8mb4, more than text holds.
CREATE TABLE article (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    title      VARCHAR(200) NOT NULL,
    body       MEDIUMTEXT   NOT NULL,
    version    BIGINT       NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    updated_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY article_newest_first (created_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
