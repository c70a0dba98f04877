#!/bin/sh
# The compose database's first start (an empty volume; the postgres image runs this once, as its
# superuser): the two roles ThreatDesk uses and its database, owned by the owner role. Migrations
# run as threatdesk_owner; the app connects as threatdesk_app, which owns nothing and gets its
# grants from the launcher after every migration (scripts/db-roles.ts).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$THREATDESK_OWNER_PASSWORD" -v app_password="$THREATDESK_APP_PASSWORD" <<'SQL'
CREATE ROLE threatdesk_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'owner_password';
CREATE ROLE threatdesk_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'app_password';
CREATE DATABASE threatdesk OWNER threatdesk_owner;
SQL
