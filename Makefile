# www.foobar.com: the front door. `make` lists the targets.
.DEFAULT_GOAL := help
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c

# Settings: .env (see .env.example), the file Compose reads too, so make sees the same values; then
# the image choices of `make images` (.images.env). Each counts only where the shell, the command
# line or .env has not set it, as in Compose; except in a sub-make started after `make images`,
# where .images.env, just written from those same inputs, is the final word.
# env_lines: the NAME=value lines as Compose reads them (an `export ` prefix, quotes and
# ` # comments` dropped), spaces kept as @SP@ and $ doubled for the loop in load_env.
env_lines = sed -E -n -e 's/^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*/\2=/' \
  -e '/^[A-Za-z_][A-Za-z0-9_]*=/!d' -e 't n' -e ':n' -e 's/^([^=]*)="(.*)"$$/\1=\2/;t q' -e "s/^([^=]*)='(.*)'$$/\1=\2/;t q" \
  -e 's/[[:space:]]+\#.*$$//' -e ':q' -e 's/\$$/$$$$/g' -e 's/ /@SP@/g' -e p $(1) 2>/dev/null
define load_env
$(foreach line,$(shell $(env_lines)),\
  $(eval name := $(firstword $(subst =, ,$(line))))\
  $(if $(filter undefined default,$(origin $(name)))$(2),\
    $(eval $(name) := $(subst @SP@, ,$(patsubst $(name)=%,%,$(line))))$(eval export $(name))))
endef
$(call load_env,.env)
$(call load_env,.images.env,$(filter-out 0,$(MAKELEVEL)))
export JRE_IMAGE DB_IMAGE HAPROXY_IMAGE NGINX_IMAGE MAVEN_IMAGE

COMPOSE ?= docker compose

# Where the images are local substitutes, containers cannot fetch from Maven Central either:
# the jars are then built here and copied into the images, and `make images` builds no Maven image.
# (Computed, not exported: a sub-make run after `make images` must see the new .images.env.)
jar_from = $(or $(JAR_FROM),$(if $(filter-out foobar-local/%,$(MAVEN_IMAGE)),source,host))
# Random database passwords, created on first use (scripts/secrets.sh).
export SECRETS_DIR ?= .secrets
export HTTP_PORT ?= 80
export HTTPS_PORT ?= 443
# The TLS certificate: a local CA and www.foobar.com, made on first start (haproxy/certs.sh),
# or your own www.foobar.com.pem put there.
export CERTS_DIR ?= .certs
export STATS_PORT ?= 8404
# Testcontainers on an engine without a registry: no helper containers to pull.
export TESTCONTAINERS_RYUK_DISABLED ?= true
export TESTCONTAINERS_HOST_OVERRIDE ?= localhost

MVN = JAVA_HOME="$$(scripts/find-jdk.sh)" ./mvnw -B -ntp

.PHONY: help
help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: up
up: machine images secrets ## Build what is missing, start the stack, wait until it is healthy
	@$(MAKE) --no-print-directory start

.PHONY: start
start:
	@if [ "$(jar_from)" = host ]; then $(MAKE) --no-print-directory jars; fi
	@mkdir -p "$(CERTS_DIR)"
	@start=$$SECONDS; JAR_FROM=$(jar_from) $(COMPOSE) up -d --build --wait --wait-timeout 300; \
	  echo; echo "www.foobar.com is up ($$((SECONDS - start)) s). Add this line to /etc/hosts if it is not there:"; \
	  echo "  127.0.0.1 www.foobar.com"; \
	  echo "then open https://www.foobar.com$(if $(filter 443,$(HTTPS_PORT)),,:$(HTTPS_PORT))/  (HAProxy stats: http://127.0.0.1:$(STATS_PORT)/)"; \
	  if [ -s "$(CERTS_DIR)/ca.crt" ]; then \
	    echo "The certificate is signed by a local CA: trust $(CERTS_DIR)/ca.crt, e.g."; \
	    echo "  curl --cacert $(CERTS_DIR)/ca.crt https://www.foobar.com$(if $(filter 443,$(HTTPS_PORT)),,:$(HTTPS_PORT))/"; \
	    echo "  browsers: import it as an authority (Linux: certutil -d sql:\$$HOME/.pki/nssdb -A -t C,, -n foobar-local-ca -i $(CERTS_DIR)/ca.crt)"; \
	  fi

.PHONY: down
down: ## Stop the stack (data is kept)
	$(COMPOSE) down

.PHONY: logs
logs: ## Follow the logs of all services
	$(COMPOSE) logs -f --tail=100

.PHONY: ps
ps: ## Show the services and their health
	$(COMPOSE) ps

.PHONY: test
test: machine images secrets ## Run every test: unit, database integration, end-to-end and browser
	@$(MAKE) --no-print-directory verify

.PHONY: verify
verify: check
	JAR_FROM=$(jar_from) $(MVN) verify

.PHONY: check
check: ## Validate the Compose file and the HAProxy (with a throwaway certificate) and Nginx configurations
	$(COMPOSE) config -q
	docker run --rm --user root --tmpfs /usr/local/etc/haproxy/certs \
	  -e PUBLIC_HTTPS_PORT=443 -e RATE_LIMIT_PER_10S=1000 -e CONN_LIMIT_PER_CLIENT=100 \
	  -v "$$PWD/haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro" \
	  -v "$$PWD/haproxy/errors:/usr/local/etc/haproxy/errors:ro" \
	  -v "$$PWD/haproxy/certs.sh:/usr/local/bin/certs.sh:ro" \
	  "$${HAPROXY_IMAGE:-haproxy:3.0}" sh -c 'sh /usr/local/bin/certs.sh /usr/local/etc/haproxy/certs >/dev/null \
	    && haproxy -c -q -f /usr/local/etc/haproxy/haproxy.cfg'
	docker run --rm --add-host gateway-1:127.0.0.1 \
	  -e NGINX_ENVSUBST_FILTER=^FOOBAR_ -e FOOBAR_WEB_NAME=web-1 -e FOOBAR_GATEWAY=gateway-1:8080 \
	  -v "$$PWD/nginx/templates:/etc/nginx/templates:ro" -v "$$PWD/nginx/html:/usr/share/nginx/html:ro" \
	  "$${NGINX_IMAGE:-nginx:1.26}" /docker-entrypoint.sh nginx -t -q
	@echo "check: compose, haproxy and nginx configurations are valid"

.PHONY: images
images: machine ## Use the official images, or build local substitutes where there is no registry
	@JAR_FROM=$(or $(JAR_FROM),auto) bash scripts/local-images.sh

# A Docker engine with Compose v2, or the one line that gets one. As root on Debian or Ubuntu, the
# machine is prepared here and now (scripts/prepare-machine.sh: each step only if missing).
.PHONY: machine
machine:
	@if docker info >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && grep -qsE '^ID(_LIKE)?=.*\b(debian|ubuntu)\b' /etc/os-release; then \
	  echo "make: no Docker engine with Compose v2 answers; running scripts/prepare-machine.sh, which installs"; \
	  echo "  what is missing of: the Docker engine (docker.io, then started), the Compose v2 plugin, debootstrap,"; \
	  echo "  Chromium and chromium-driver, testssl.sh and a JDK 25 (Debian packages)"; \
	  bash scripts/prepare-machine.sh; \
	elif grep -qsE '^ID(_LIKE)?=.*\b(debian|ubuntu)\b' /etc/os-release; then \
	  echo "make: no Docker engine with Compose v2 answers. Run once:  sudo bash scripts/prepare-machine.sh" >&2; exit 1; \
	else \
	  echo "make: no Docker engine with Compose v2 answers. Install Docker Engine with its Compose plugin: https://docs.docker.com/engine/install/" >&2; exit 1; \
	fi

.PHONY: secrets
secrets:
	@bash scripts/secrets.sh "$(SECRETS_DIR)"

.PHONY: jars
jars: ## Build the service jars on this machine (needs a JDK 25)
	$(MVN) -q package -DskipTests -Dspring-javaformat.skip=true -pl app-service,gateway -am

.PHONY: clean
clean: ## Remove the stack, its database volumes and the build output
	@echo "clean: removes the foobar containers, networks and the volumes db-primary-data and db-replica-data (all articles), and target/ folders"
	$(COMPOSE) down -v --remove-orphans
	$(MVN) -q clean

.PHONY: bench
bench: ## Measure every tier side by side into bench/results/ (bench/README.md); starts the stack if needed
	@MAKE="$(MAKE)" COMPOSE="$(COMPOSE)" bash bench/run.sh

.PHONY: bench-smoke
bench-smoke: ## A few seconds of `make bench`, checking that it still writes its report
	@BENCH_SMOKE=1 MAKE="$(MAKE)" COMPOSE="$(COMPOSE)" bash bench/run.sh
