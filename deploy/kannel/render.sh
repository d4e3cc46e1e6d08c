#!/bin/sh
# Writes a Kannel template (deploy/kannel/*.template) to stdout with each @NAME@ replaced by the environment variable
# KANNEL_NAME. Used by scripts/lib/kannel.sh and the Docker image; the tests do the same in C#.
set -eu
template="$1"
# Secrets go into sed replacements, quoted kannel.conf values and a URL's user:password, where '&', '|', '\', '"', '@',
# ':' or '/' would come out corrupted: letters, digits, '.', '_', '~' and '-' only (openssl rand -hex 24 gives such).
for name in KANNEL_ADMIN_PASSWORD KANNEL_SENDSMS_PASSWORD KANNEL_CALLBACK_SECRET; do
  eval "value=\${$name:-}"
  case "$value" in
    '' | *[!A-Za-z0-9._~-]*)
      echo "render.sh: $name must be set, with letters, digits, '.', '_', '~' and '-' only (e.g. openssl rand -hex 24)" >&2
      exit 1 ;;
  esac
done
incoming="$(echo "$KANNEL_PORTAL_URL" | sed "s|://|://kannel:$KANNEL_CALLBACK_SECRET@|")/sms/incoming"
sed -e "s|@ADMIN_PORT@|${KANNEL_ADMIN_PORT:-13000}|g" \
    -e "s|@ADMIN_PASSWORD@|$KANNEL_ADMIN_PASSWORD|g" \
    -e "s|@SMSBOX_PORT@|${KANNEL_SMSBOX_PORT:-13001}|g" \
    -e "s|@SENDSMS_PORT@|${KANNEL_SENDSMS_PORT:-13013}|g" \
    -e "s|@SENDSMS_INTERFACE@|${KANNEL_SENDSMS_INTERFACE:-127.0.0.1}|g" \
    -e "s|@SENDSMS_ALLOW_IP@|${KANNEL_SENDSMS_ALLOW_IP:-127.0.0.1}|g" \
    -e "s|@SENDSMS_USER@|${KANNEL_SENDSMS_USER:-portal}|g" \
    -e "s|@SENDSMS_PASSWORD@|$KANNEL_SENDSMS_PASSWORD|g" \
    -e "s|@FAKE_PORT@|${KANNEL_FAKE_PORT:-13010}|g" \
    -e "s|@FROM@|${KANNEL_FROM:-22600}|g" \
    -e "s|@DIR@|$KANNEL_DIR|g" \
    -e "s|@SMSC_CONF@|$KANNEL_SMSC_CONF|g" \
    -e "s|@INCOMING_URL@|$incoming|g" \
    "$template"
