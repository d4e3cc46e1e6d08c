#!/bin/sh
# Writes a Kannel template (deploy/kannel/*.template) to stdout with each @NAME@ replaced by the environment variable
# KANNEL_NAME. Used by scripts/lib/kannel.sh and the Docker image; the tests do the same in C#.
# The incoming URL carries the callback secret as Basic credentials: hex or base64url secrets only (no '@', ':' or '/').
set -eu
template="$1"
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
