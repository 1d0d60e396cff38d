-- Self-contained Prosody for tests and the demo, rendered by scripts/servers.sh: @RUN@ is the server's run
-- directory, @C2S_PORT@ and @HTTP_PORT@ its ports; lines marked "--newest: " are for Prosody 13 only,
-- "--current: " for Prosody 0.12 only.
-- Loopback only, no TLS: SCRAM works without it, and PLAIN is refused by the client unless allowed.
pidfile = "@RUN@/prosody.pid"
certificates = "@RUN@/certs"
data_path = "@RUN@/data"
run_as_root = true
log = { info = "@RUN@/prosody.log"; error = "@RUN@/prosody.err" }

interfaces = { "127.0.0.1" }
c2s_ports = { @C2S_PORT@ }
c2s_interfaces = { "127.0.0.1" }
s2s_ports = { }
http_ports = { @HTTP_PORT@ }
http_interfaces = { "127.0.0.1" }
https_ports = { }
admin_socket = "@RUN@/prosody.sock"

-- A support desk keeps one item per conversation in a node of its account (see the README).
pep_max_items = 10000

modules_enabled = {
  "roster"; "saslauth"; "disco"; "carbons"; "pep"; "private"; "blocklist"; "vcard4"; "vcard_legacy";
  "version"; "uptime"; "time"; "ping"; "register"; "mam"; "csi_simple"; "smacks"; "bookmarks";
  "offline"; "admin_shell"; "bosh"; "websocket"; "http_files"; "lastactivity";
  -- SASL2 (XEP-0388), Bind 2 (XEP-0386), stream management inline, FAST (XEP-0484): community modules.
  --newest: "sasl2"; "sasl2_bind2"; "sasl2_sm"; "sasl2_fast";
}
--newest: plugin_paths = { "@UNPACKED@/prosody-modules" }
modules_disabled = { "posix"; "s2s"; "tls" }

c2s_require_encryption = false
allow_unencrypted_plain_auth = true
consider_bosh_secure = true
consider_websocket_secure = true
http_cors_override = {
  bosh = { enabled = true }; websocket = { enabled = true }; files = { enabled = true };
  -- File upload: a page of another origin PUTs with the slot's Authorization header, then GETs.
  file_share = { enabled = true; headers = { Authorization = true } };
}
http_paths = { bosh = "/http-bind"; websocket = "/xmpp-websocket"; files = "/" }
-- XEP-0156 discovery documents (.well-known/host-meta and host-meta.json), served as static files.
http_files_dir = "@RUN@/www"
bosh_max_inactivity = 60

allow_registration = true
min_seconds_between_registrations = 0
registration_throttle_max = 0
limits = { c2s = { rate = "10mb/s" } }

authentication = "internal_hashed"
storage = "internal"
archive_expires_after = "never"
default_archive_policy = true
max_archive_query_results = 500
smacks_hibernation_time = 300
smacks_max_unacked_stanzas = 0

http_host = "127.0.0.1"
http_external_url = "http://127.0.0.1:@HTTP_PORT@/"
-- File upload (XEP-0363) by the upload.localhost component below, at http://127.0.0.1:@HTTP_PORT@/file_share/.
-- Prosody's default limit is 10 MB; files are kept 7 days (its default, written out), and an account
-- may upload 10 times the limit a day.
http_file_share_size_limit = 20 * 1024 * 1024
http_file_share_expires_after = 7 * 24 * 60 * 60

VirtualHost "localhost"

VirtualHost "anon.localhost"
  authentication = "anonymous"
  allow_anonymous_s2s = false
  -- Visitors upload too: the component is listed among localhost's items only, being its subdomain.
  disco_items = { { "upload.localhost", "HTTP File Upload" } }

Component "conference.localhost" "muc"
  modules_enabled = { "muc_mam" }
  muc_log_by_default = true
  muc_log_all_rooms = true

Component "upload.localhost" "http_file_share"
  -- Prosody 13 lets only the parent host's accounts upload unless others are listed (visitors are guests).
  --newest: http_file_share_access = { "anon.localhost" }
