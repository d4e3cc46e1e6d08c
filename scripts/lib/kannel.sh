# Sourced by scripts/run.sh (and scripts/bench.sh): Kannel, the SMS gateway, on loopback with a fake SMS centre.
# bearerbox (the core) and smsbox (sendsms, delivery reports, incoming messages) read a kannel.conf written from
# deploy/kannel/*.template into .local/kannel/ (git-ignored); /usr/lib/kannel/test/fakesmsc plays the operator.
# docs/sms.md explains the whole path.

KANNEL_FAKESMSC=/usr/lib/kannel/test/fakesmsc

# Installs Debian's kannel and kannel-extras (fakesmsc) when missing.
ensure_kannel_packages() {
  if ! command -v bearerbox >/dev/null 2>&1 || [ ! -x "$KANNEL_FAKESMSC" ]; then
    echo "==> Installing Kannel (Debian packages kannel, kannel-extras)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends kannel kannel-extras >/dev/null
  fi
}

# Waits until something listens on 127.0.0.1:$1 (20 s at most).
kannel_wait_port() {
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}

# start_kannel REPO PORTAL_URL: starts bearerbox, smsbox and fakesmsc (fed by the dev inbox: one line
# "<from> <to> text <message>" appended there is an SMS sent to the portal). Sets the KANNEL_* variables the portal's
# Sms__* settings come from; the secrets are made once and kept in .local/kannel/secrets.env.
start_kannel() {
  local repo="$1" portal_url="$2"
  ensure_kannel_packages
  KANNEL_DIR="$repo/.local/kannel"
  mkdir -p "$KANNEL_DIR"
  if [ ! -f "$KANNEL_DIR/secrets.env" ]; then
    (umask 077
     for name in KANNEL_ADMIN_PASSWORD KANNEL_SENDSMS_PASSWORD KANNEL_CALLBACK_SECRET; do
       echo "$name=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
     done >"$KANNEL_DIR/secrets.env")
  fi
  set -a; . "$KANNEL_DIR/secrets.env"; set +a
  . "$repo/scripts/lib/portal.sh" # free_port
  export KANNEL_DIR KANNEL_PORTAL_URL="$portal_url" KANNEL_SMSC_CONF="$KANNEL_DIR/smsc-fake.conf"
  export KANNEL_ADMIN_PORT="$(free_port 13100)"
  export KANNEL_SMSBOX_PORT="$(free_port $((KANNEL_ADMIN_PORT + 1)))"
  export KANNEL_FAKE_PORT="$(free_port $((KANNEL_SMSBOX_PORT + 1)))"
  export KANNEL_SENDSMS_PORT="$(free_port $((KANNEL_FAKE_PORT + 1)))"
  "$repo/deploy/kannel/render.sh" "$repo/deploy/kannel/kannel.conf.template" >"$KANNEL_DIR/kannel.conf"
  "$repo/deploy/kannel/render.sh" "$repo/deploy/kannel/smsc-fake.conf.template" >"$KANNEL_SMSC_CONF"
  chmod 600 "$KANNEL_DIR/kannel.conf"

  echo "==> Starting Kannel: bearerbox (admin 127.0.0.1:$KANNEL_ADMIN_PORT), smsbox (sendsms 127.0.0.1:$KANNEL_SENDSMS_PORT)"
  bearerbox -v 2 "$KANNEL_DIR/kannel.conf" >"$KANNEL_DIR/bearerbox.out" 2>&1 &
  # smsbox gives up at once when bearerbox is not listening yet.
  kannel_wait_port "$KANNEL_SMSBOX_PORT" || { echo "bearerbox did not start; see $KANNEL_DIR/bearerbox.out" >&2; return 1; }
  smsbox -v 2 "$KANNEL_DIR/kannel.conf" >"$KANNEL_DIR/smsbox.out" 2>&1 &
  kannel_wait_port "$KANNEL_SENDSMS_PORT" || { echo "smsbox did not start; see $KANNEL_DIR/smsbox.out" >&2; return 1; }
  kannel_wait_port "$KANNEL_FAKE_PORT" || { echo "the fake SMS centre port did not open" >&2; return 1; }

  # The fake operator: fakesmsc prints each SMS the portal sends (fakesmsc.log) and sends each line of the inbox.
  # tail keeps its input open (fakesmsc stops at end of input); the inbox starts empty so nothing old is replayed.
  KANNEL_INBOX="$KANNEL_DIR/inbox.txt"
  : >"$KANNEL_INBOX"
  rm -f "$KANNEL_DIR/inbox.fifo" && mkfifo "$KANNEL_DIR/inbox.fifo"
  tail -n 0 -F "$KANNEL_INBOX" >"$KANNEL_DIR/inbox.fifo" 2>/dev/null &
  KANNEL_TAIL_PID=$!
  "$KANNEL_FAKESMSC" -H 127.0.0.1 -r "$KANNEL_FAKE_PORT" -v 0 <"$KANNEL_DIR/inbox.fifo" >"$KANNEL_DIR/fakesmsc.log" 2>&1 &
}

# The portal's Sms__* settings for the Kannel started above (for env or export).
kannel_portal_settings() {
  echo "Sms__SendSmsUrl=http://127.0.0.1:$KANNEL_SENDSMS_PORT/cgi-bin/sendsms"
  echo "Sms__UserName=${KANNEL_SENDSMS_USER:-portal}"
  echo "Sms__Password=$KANNEL_SENDSMS_PASSWORD"
  echo "Sms__From=${KANNEL_FROM:-22600}"
  echo "Sms__CallbackUrl=$KANNEL_PORTAL_URL"
  echo "Sms__CallbackSecret=$KANNEL_CALLBACK_SECRET"
  echo "Sms__DevInbox=$KANNEL_INBOX"
}

# Stops Kannel the way its admin interface offers: bearerbox ends, smsbox and fakesmsc follow.
stop_kannel() {
  curl -fsS -o /dev/null "http://127.0.0.1:$KANNEL_ADMIN_PORT/shutdown?password=$KANNEL_ADMIN_PASSWORD" 2>/dev/null || true
  if [ -n "${KANNEL_TAIL_PID:-}" ]; then kill "$KANNEL_TAIL_PID" 2>/dev/null || true; fi
}
