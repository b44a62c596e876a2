# Sourced by the scripts in build-aux/: installs with apt-get whatever Debian
# 12 / Ubuntu 24.04 packages Galley needs and this machine lacks.

# What building and running Galley needs.
GALLEY_BUILD_PACKAGES=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsqlite3-dev libgsound-dev
  sound-theme-freedesktop
  desktop-file-utils
)

# What the test suite needs besides: an X server, a D-Bus session, the
# accessibility bus, the notification daemon mock, the validators, and the
# sanitizer runtimes.
GALLEY_TEST_PACKAGES=(
  xvfb xauth dbus dbus-x11 at-spi2-core
  python3 python3-gi python3-pyatspi gir1.2-atspi-2.0 python3-dbusmock
  python3-aiohttp python3-websockets
  xdotool imagemagick appstream-util
  adwaita-icon-theme fonts-cantarell
  libclang-rt-14-dev
  openssl
)

galley_install_packages ()
{
  local missing=() package sudo=()

  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done

  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi

  if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
  fi

  echo "Installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

galley_setup_build ()
{
  local builddir=$1
  shift

  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" "$@"
  fi
  meson compile -C "$builddir"
}
