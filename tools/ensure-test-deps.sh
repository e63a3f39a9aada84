#!/usr/bin/env bash
# Makes sure the system packages that `npm test` needs are installed: OpenSSH's server (the real-sshd
# integration suite, __tests__/openssh), its client tools (ssh-keygen, ssh-keyscan), and Debian's headless
# Chromium at /usr/bin/chromium (the desk's browser tests, __tests__/desk, driven by playwright-core). `npm test`
# runs this first, so the README's two commands set up a fresh Debian 12 machine on their own.
#
# A no-op when everything is there. Otherwise, as root with apt: `apt-get update` (only when apt has no
# candidate for the packages, or a first install attempt fails on stale lists), then
#   apt-get install -y --no-install-recommends openssh-server openssh-sftp-server chromium
# non-interactively, with a policy-rc.d that forbids starting services: no system sshd is started on
# port 22, and none is left running or enabled. The tests start their own sshd on a loopback port.
set -euo pipefail

PACKAGES=(openssh-server openssh-sftp-server chromium)
NEEDED=(/usr/sbin/sshd /usr/lib/openssh/sftp-server /usr/bin/ssh-keygen /usr/bin/ssh-keyscan /usr/sbin/useradd /usr/sbin/chpasswd /usr/bin/setpriv /usr/bin/chromium)

missing() {
  local f
  for f in "${NEEDED[@]}"; do [ -x "$f" ] || echo "$f"; done
}

if [ -z "$(missing)" ]; then exit 0; fi

fail() {
  echo "" >&2
  echo "ensure-test-deps: $1" >&2
  echo "ensure-test-deps: missing: $(missing | tr '\n' ' ')" >&2
  echo "ensure-test-deps: the OpenSSH integration tests need a real sshd and the desk's browser tests need Chromium. On Debian/Ubuntu, as root:" >&2
  echo "    apt-get update && apt-get install -y --no-install-recommends ${PACKAGES[*]}" >&2
  echo "ensure-test-deps: then run npm test again." >&2
  exit 1
}

[ "$(id -u)" = 0 ] || fail "OpenSSH or Chromium is not installed and this is not root, so it cannot be installed here."
command -v apt-get >/dev/null 2>&1 || fail "OpenSSH or Chromium is not installed and there is no apt-get on this machine."

echo "ensure-test-deps: installing ${PACKAGES[*]} (needed by the OpenSSH integration tests and the desk's browser tests)" >&2

# Deny every service start while the packages install (invoke-rc.d and deb-systemd-invoke both ask
# policy-rc.d; exit 101 = action forbidden). An existing policy-rc.d is put back afterwards.
POLICY=/usr/sbin/policy-rc.d
BACKUP=""
if [ -e "$POLICY" ] || [ -L "$POLICY" ]; then
  BACKUP="$(mktemp /usr/sbin/policy-rc.d.hwx-backup.XXXXXX)"
  mv -f "$POLICY" "$BACKUP"
fi
restore_policy() {
  rm -f "$POLICY"
  if [ -n "$BACKUP" ]; then mv -f "$BACKUP" "$POLICY"; fi
}
trap restore_policy EXIT
printf '#!/bin/sh\n# written by tools/ensure-test-deps.sh while it installs OpenSSH and Chromium: start nothing\nexit 101\n' >"$POLICY"
chmod 0755 "$POLICY"

export DEBIAN_FRONTEND=noninteractive
APT_OPTS=(-o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)

has_candidates() {
  local p
  for p in "${PACKAGES[@]}"; do
    apt-cache policy "$p" 2>/dev/null | grep -Eq 'Candidate: [^(]' || return 1
  done
}

updated=no
apt_update() {
  apt-get "${APT_OPTS[@]}" update -q </dev/null || fail "apt-get update failed (is the Debian archive reachable?)."
  updated=yes
}
apt_install() {
  apt-get "${APT_OPTS[@]}" install -y -q --no-install-recommends "${PACKAGES[@]}" </dev/null
}

has_candidates || apt_update
if ! apt_install; then
  [ "$updated" = yes ] && fail "apt-get install ${PACKAGES[*]} failed."
  apt_update
  apt_install || fail "apt-get install ${PACKAGES[*]} failed."
fi

# Nothing may keep running from the install: on a systemd machine the unit is enabled by the package;
# disable it (its start was already refused above). Without systemd there is nothing to undo.
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
  systemctl disable --now ssh.service ssh.socket >/dev/null 2>&1 || true
fi

[ -z "$(missing)" ] || fail "the packages installed, but some programs are still missing."
echo "ensure-test-deps: OpenSSH ($(dpkg-query -W -f '${Version}' openssh-server 2>/dev/null)) and Chromium ($(dpkg-query -W -f '${Version}' chromium 2>/dev/null)) are installed" >&2
