#!/bin/sh
# Kills `trustwork encrypt` 200 times (or $1 times) at random moments, runs
# the next start (a command that opens the workbook) after each, and checks
# that no file of the workbook is left in plain text and nothing is lost.
# Prints "N kills, 0 plain, 0 lost" and exits non-zero otherwise.
#
#   scripts/crash-encrypt.sh          200 kills
#   scripts/crash-encrypt.sh 1000     1,000 kills
set -eu
cd "$(dirname "$0")/.."
kills="${1:-200}"
case "$kills" in
  '' | *[!0-9]*) echo "usage: $0 [KILLS]" >&2; exit 2 ;;
esac
TRUSTWORK_CRASH_KILLS="$kills" exec cargo test --quiet --test it -- \
  --ignored --exact crash_encrypt::encrypt_kills --nocapture --test-threads 1
