#!/bin/sh
# The browser tests drive Debian's chromium (never a downloaded browser). `npm test` runs this first:
# as root on Debian it installs the package when missing; elsewhere it says what to do, and the
# browser tests then fail with the same message instead of being skipped.
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "安装 chromium（浏览器测试用，Debian 软件包）..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && exit 0
  echo "chromium 安装失败" >&2
  exit 1
fi
echo "浏览器测试需要 /usr/bin/chromium：sudo apt-get install -y chromium" >&2
exit 0
