#!/usr/bin/env bash
# The Kannel container of docker-compose.yml: writes kannel.conf from the templates and the environment (KANNEL_*),
# starts bearerbox, then smsbox once bearerbox listens (smsbox gives up otherwise). The operator's SMS centre is
# /etc/kannel/operator.conf when mounted (docs/sms.md), else the fake one with fakesmsc listening, which prints the
# SMS it gets in the container's log. The container stops when any of them stops.
set -euo pipefail
export KANNEL_DIR=/var/lib/kannel
mkdir -p "$KANNEL_DIR"
fake=0
# docker-compose.yml mounts /dev/null there when no account is given: not a regular, non-empty file.
if [ -f /etc/kannel/operator.conf ] && [ -s /etc/kannel/operator.conf ]; then
  export KANNEL_SMSC_CONF=/etc/kannel/operator.conf
else
  fake=1
  export KANNEL_SMSC_CONF="$KANNEL_DIR/smsc-fake.conf" KANNEL_FAKE_PORT="${KANNEL_FAKE_PORT:-13010}"
  /opt/kannel/render.sh /opt/kannel/smsc-fake.conf.template >"$KANNEL_SMSC_CONF"
fi
(umask 077 && /opt/kannel/render.sh /opt/kannel/kannel.conf.template >"$KANNEL_DIR/kannel.conf")

wait_port() {
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.2
  done
  echo "Nothing listens on port $1" >&2
  exit 1
}

bearerbox -v 2 "$KANNEL_DIR/kannel.conf" &
wait_port "${KANNEL_SMSBOX_PORT:-13001}"
smsbox -v 2 "$KANNEL_DIR/kannel.conf" &
if [ "$fake" = 1 ]; then
  wait_port "$KANNEL_FAKE_PORT"
  /usr/lib/kannel/test/fakesmsc -H 127.0.0.1 -r "$KANNEL_FAKE_PORT" -m 0 -v 0 "22600 00000000 text none" &
fi
wait -n
