#!/usr/bin/env bash
# The private test environment: a Docker engine of hbdeck's own (never the system one) and the
# test images built without a registry. Safe to run twice.
#
#   scripts/testenv.sh build-deps Debian packages building hbdeck needs, when missing
#   scripts/testenv.sh install   Debian packages the tests need, when missing
#   scripts/testenv.sh up        install, start the private engine, build the test images
#   scripts/testenv.sh env       print the variables that point a shell at the private engine
#   scripts/testenv.sh down      stop the private engine and remove its state
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
state=${HBDECK_TEST_STATE:-/var/lib/hbdeck-test}
run=${HBDECK_TEST_RUN:-/run/hbdeck-test}
cache=${HBDECK_TEST_CACHE:-/var/cache/hbdeck-test}
sock="$run/docker.sock"
export DOCKER_HOST="unix://$sock"

bot_image=hbdeck-test/hummingbot:latest
bot_image_venv=hbdeck-test/hummingbot:venv
bot_image_system=hbdeck-test/hummingbot:system
broker_image=hbdeck-test/mosquitto:2
base_image=hbdeck-test/debian:bookworm
packages=python3,python-is-python3,python3-paho-mqtt,python3-yaml,python3-pycryptodome,mosquitto,procps

say() { printf 'testenv: %s\n' "$*" >&2; }

need_root() {
  if [ "$(id -u)" != 0 ]; then say "must run as root (it starts dockerd)"; exit 1; fi
}

# Installs the Debian packages in "$@" that are missing. A command already on the PATH counts as its
# package: an operator's docker-ce or own mosquitto is never replaced by Debian's.
install_missing() {
  need_root
  local missing=() p
  for p in "$@"; do
    case "$p" in
      docker.io) command -v dockerd >/dev/null && continue ;;
      mosquitto) command -v mosquitto >/dev/null && continue ;;
    esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# What building and running hbdeck needs (make run, make install).
install_build_packages() { install_missing libncurses-dev libmosquitto-dev libsqlite3-dev curl; }

# What the tests need besides (make test).
install_packages() {
  install_missing docker.io mosquitto mosquitto-clients libncurses-dev libmosquitto-dev libsqlite3-dev sqlite3 tmux debootstrap iproute2 iptables socat curl docker-registry git python3 openssh-server openssh-client openssl msmtp python3-aiosmtpd
}

engine_alive() { curl -sf --max-time 2 --unix-socket "$sock" http://docker/_ping >/dev/null 2>&1; }

start_engine() {
  need_root
  mkdir -p "$state/docker" "$run/exec" "$state/log"
  if engine_alive; then say "private engine already up at $DOCKER_HOST"; return; fi
  if [ -f "$run/docker.pid" ] && kill -0 "$(cat "$run/docker.pid")" 2>/dev/null; then
    kill "$(cat "$run/docker.pid")" || true; sleep 1
  fi
  rm -f "$sock" "$run/docker.pid"
  # No bridge and no iptables: test containers use host or none networking, so nothing of the
  # machine's firewall or routes is touched and no traffic can leave the machine.
  setsid dockerd \
    --host "$DOCKER_HOST" \
    --data-root "$state/docker" \
    --exec-root "$run/exec" \
    --pidfile "$run/docker.pid" \
    --bridge none --iptables=false --ip-masq=false --ip-forward=false \
    --containerd-namespace hbdeck-test --containerd-plugins-namespace hbdeck-test-plugins \
    >"$state/log/dockerd.log" 2>&1 < /dev/null &
  for _ in $(seq 1 100); do
    if engine_alive; then say "private engine up at $DOCKER_HOST"; return; fi
    sleep 0.2
  done
  say "dockerd did not answer /_ping within 20 s; its log:"; tail -n 30 "$state/log/dockerd.log" >&2
  exit 1
}

apt_mirror() {
  local m=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    m=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$m" ] && [ -f /etc/apt/sources.list ]; then
    m=$(awk '$1=="deb" && $0 !~ /security/ {for(i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' /etc/apt/sources.list)
  fi
  [ -n "$m" ] || { say "no Debian mirror found in the apt sources"; exit 1; }
  printf '%s\n' "$m"
}

rootfs_tar() {
  local suite key tar
  suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
  key=$(printf '%s %s' "$suite" "$packages" | sha256sum | cut -c1-12)
  tar="$cache/rootfs-$suite-$key.tar"
  if [ ! -s "$tar" ]; then
    mkdir -p "$cache"
    local dir="$cache/rootfs.tmp"
    rm -rf "$dir"
    say "debootstrap $suite (about a minute, cached afterwards)"
    debootstrap --variant=minbase --include="$packages" "$suite" "$dir" "$(apt_mirror)" >"$cache/debootstrap.log" 2>&1 \
      || { say "debootstrap failed:"; tail -n 20 "$cache/debootstrap.log" >&2; exit 1; }
    rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
    tar -C "$dir" -cf "$tar.tmp" . && mv "$tar.tmp" "$tar"
    rm -rf "$dir"
  fi
  printf '%s\n' "$tar"
}

image_label() { docker image inspect -f "{{index .Config.Labels \"$2\"}}" "$1" 2>/dev/null || true; }

# What makes the test bot image in one of the three ways real client images are built (shared/notes/
# hummingbot-deploy.md): the client's Python package where that layout's Python finds it and nowhere
# else, `hbot` as pip would install it (its shebang naming that Python), bin/hummingbot_quickstart.py in
# the home folder. conda: an environment /opt/conda/envs/hummingbot that `conda activate` (a function
# from /etc/profile.d, so only login shells have it) puts on PATH; venv: /home/hummingbot/venv, on PATH
# through the image's ENV only; system: the image's own Python.
layout_script() {
  cat <<'SH'
set -eu
case "$1" in
  conda) prefix=/opt/conda/envs/hummingbot ;;
  venv) prefix=/home/hummingbot/venv ;;
  system) prefix=/usr/local ;;
esac
if [ "$1" = system ]; then
  python=/usr/bin/python3
  site=/usr/local/lib/python3.11/dist-packages
else
  python3 -m venv --without-pip --system-site-packages "$prefix"
  python=$prefix/bin/python3
  site=$("$python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
fi
mkdir -p "$site" "$prefix/bin" /home/hummingbot/bin /home/hummingbot/logs /home/hummingbot/data /home/hummingbot/conf
cp -r /tmp/client/hummingbot /tmp/client/hummingbot_quickstart.py /tmp/client/hbot.py "$site/"
printf '#!%s\nimport sys\nfrom hbot import main\nsys.exit(main(sys.argv[1:]))\n' "$python" > "$prefix/bin/hbot"
cp /tmp/client/hummingbot_quickstart.py /home/hummingbot/bin/hummingbot_quickstart.py
chmod 755 "$prefix/bin/hbot" /home/hummingbot/bin/hummingbot_quickstart.py
if [ "$1" = conda ]; then
  cat > /etc/profile.d/conda.sh <<'CONDA'
conda() {
  if [ "${1-}" = activate ] && [ -d "/opt/conda/envs/${2-}" ]; then
    PATH="/opt/conda/envs/$2/bin:$PATH"; CONDA_PREFIX="/opt/conda/envs/$2"; CONDA_DEFAULT_ENV=$2
    export PATH CONDA_PREFIX CONDA_DEFAULT_ENV
  else
    echo "conda: no environment ${2-}" >&2; return 1
  fi
}
CONDA
fi
rm -rf /tmp/client
SH
}

# build_bot_image TAG LAYOUT KEY [--change lines...]
build_bot_image() {
  local tag=$1 layout=$2 key=$3 cid change
  shift 3
  [ "$(image_label "$tag" hbdeck.test.source)" = "$key" ] && return
  say "building $tag ($layout layout)"
  cid=$(docker create --network none "$base_image" /bin/sh -c "$(layout_script)" layout "$layout")
  docker cp "$here/testbot/." "$cid:/tmp/client/" >/dev/null
  docker start -a "$cid" >&2
  local args=(--change "LABEL hbdeck.test.source=$key" --change 'WORKDIR /home/hummingbot' --change 'ENV PYTHONUNBUFFERED=1')
  for change in "$@"; do args+=(--change "$change"); done
  docker commit "${args[@]}" "$cid" "$tag" >/dev/null
  docker rm "$cid" >/dev/null
}

build_images() {
  local tar base_key bot_key cid
  tar=$(rootfs_tar)
  base_key=$(basename "$tar")
  if [ "$(image_label "$base_image" hbdeck.test.source)" != "$base_key" ]; then
    say "importing $base_image"
    docker import --change "LABEL hbdeck.test.source=$base_key" --change 'CMD ["/bin/bash"]' "$tar" "$base_image" >/dev/null
  fi

  bot_key=$( (echo "$base_key"; declare -f layout_script; find "$here/testbot" -type f -name "*.py" -not -path "*/__pycache__/*" -print0 | sort -z | xargs -0 cat) | sha256sum | cut -c1-16)
  build_bot_image "$bot_image" conda "$bot_key" \
    'CMD ["/bin/bash", "-lc", "conda activate hummingbot && ./bin/hummingbot_quickstart.py 2>> ./logs/errors.log"]'
  build_bot_image "$bot_image_venv" venv "$bot_key" \
    'ENV PATH=/home/hummingbot/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    'CMD ["/bin/bash", "-c", "python bin/hummingbot_quickstart.py 2>> ./logs/errors.log"]'
  build_bot_image "$bot_image_system" system "$bot_key" \
    'CMD ["/bin/bash", "-c", "python bin/hummingbot_quickstart.py 2>> ./logs/errors.log"]'

  if [ "$(image_label "$broker_image" hbdeck.test.source)" != "$base_key" ]; then
    say "building $broker_image"
    cid=$(docker create --network none "$base_image" true)
    docker commit \
      --change "LABEL hbdeck.test.source=$base_key" \
      --change 'EXPOSE 1883' \
      --change 'CMD ["/usr/sbin/mosquitto", "-c", "/mosquitto/config/mosquitto.conf"]' \
      "$cid" "$broker_image" >/dev/null
    docker rm "$cid" >/dev/null
  fi
}

# Two more private engines, for the tests of a fleet on several hosts: B answers on tcp://127.0.0.1 with TLS
# (certificates made here), C only through ssh to a private sshd on 127.0.0.1 (a test key; its sessions get
# DOCKER_HOST pointing at C, as a remote host's own docker CLI would have). Each also has a unix socket for
# the tests' own setup.
tls="$state/tls"
sshdir="$state/ssh"
b_tcp=tcp://127.0.0.1:23760
ssh_port=22220

make_certificates() {
  [ -s "$tls/client/key.pem" ] && return
  say "making TLS certificates for engine B"
  mkdir -p "$tls/ca" "$tls/server" "$tls/client"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=hbdeck test CA" \
    -keyout "$tls/ca/key.pem" -out "$tls/ca/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$tls/server/key.pem" -out "$tls/server/req.pem" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > "$tls/server/ext.cnf"
  openssl x509 -req -days 3650 -in "$tls/server/req.pem" -CA "$tls/ca/ca.pem" -CAkey "$tls/ca/key.pem" -CAcreateserial \
    -extfile "$tls/server/ext.cnf" -out "$tls/server/cert.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=hbdeck test client" -keyout "$tls/client/key.pem" -out "$tls/client/req.pem" 2>/dev/null
  printf 'extendedKeyUsage=clientAuth\n' > "$tls/client/ext.cnf"
  openssl x509 -req -days 3650 -in "$tls/client/req.pem" -CA "$tls/ca/ca.pem" -CAkey "$tls/ca/key.pem" -CAcreateserial \
    -extfile "$tls/client/ext.cnf" -out "$tls/client/cert.pem" 2>/dev/null
  cp "$tls/ca/ca.pem" "$tls/client/ca.pem"
  cp "$tls/ca/ca.pem" "$tls/server/ca.pem"
  chmod 600 "$tls"/*/key.pem
}

# The address pool of engine N's networks: the first of these ranges no route of the machine touches.
free_pool() {
  local pool
  for pool in 10.213 10.219 172.29; do
    ip -4 route 2>/dev/null | grep -q "^$pool\." || { echo "$pool.0.0/16"; return; }
  done
  say "no free address range for engine N's networks"; exit 1
}

# start_extra_engine NAME [extra dockerd flags...]: a dockerd of its own with a unix socket in $run/NAME.
# B and C have no bridge and no iptables. N has iptables on, for isolated bot networks: Docker's isolation
# between bridge networks lives in its chains; its networks come from a range nothing else here uses.
start_extra_engine() {
  local name=$1; shift
  local dir="$run/$name" data="$state/engine-$name"
  local network=(--bridge none --iptables=false --ip-masq=false --ip-forward=false)
  [ "$name" = n ] && network=(--bridge none --default-address-pool "base=$(free_pool),size=24")
  local socket="$dir/docker.sock"
  mkdir -p "$dir/exec" "$data" "$state/log"
  if curl -sf --max-time 2 --unix-socket "$socket" http://docker/_ping >/dev/null 2>&1; then return; fi
  if [ -f "$dir/docker.pid" ] && kill -0 "$(cat "$dir/docker.pid")" 2>/dev/null; then kill "$(cat "$dir/docker.pid")" || true; sleep 1; fi
  rm -f "$socket" "$dir/docker.pid"
  setsid dockerd --host "unix://$socket" "$@" \
    --data-root "$data" --exec-root "$dir/exec" --pidfile "$dir/docker.pid" \
    "${network[@]}" \
    --containerd-namespace "hbdeck-test-$name" --containerd-plugins-namespace "hbdeck-test-$name-plugins" \
    >"$state/log/dockerd-$name.log" 2>&1 < /dev/null &
  for _ in $(seq 1 100); do
    if curl -sf --max-time 2 --unix-socket "$socket" http://docker/_ping >/dev/null 2>&1; then say "engine $name up"; return; fi
    sleep 0.2
  done
  say "engine $name did not answer within 20 s; its log:"; tail -n 30 "$state/log/dockerd-$name.log" >&2
  exit 1
}

start_sshd() {
  mkdir -p "$sshdir" /run/sshd
  [ -s "$sshdir/host_key" ] || ssh-keygen -q -t ed25519 -N "" -f "$sshdir/host_key"
  [ -s "$sshdir/id" ] || ssh-keygen -q -t ed25519 -N "" -C "hbdeck test key" -f "$sshdir/id"
  cp "$sshdir/id.pub" "$sshdir/authorized_keys"
  chmod 700 "$sshdir"; chmod 600 "$sshdir/authorized_keys"
  cat > "$sshdir/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $ssh_port
HostKey $sshdir/host_key
PidFile $sshdir/sshd.pid
AuthorizedKeysFile $sshdir/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowTcpForwarding local
UsePAM no
StrictModes no
SetEnv DOCKER_HOST=unix://$run/c/docker.sock
CONF
  echo "[127.0.0.1]:$ssh_port $(cut -d' ' -f1,2 "$sshdir/host_key.pub")" > "$sshdir/known_hosts"
  cat > "$sshdir/config" <<CONF
Host hbdeck-c
  HostName 127.0.0.1
  Port $ssh_port
  User root
  IdentityFile $sshdir/id
  IdentitiesOnly yes
  UserKnownHostsFile $sshdir/known_hosts
  StrictHostKeyChecking yes
CONF
  if [ -f "$sshdir/sshd.pid" ] && kill -0 "$(cat "$sshdir/sshd.pid")" 2>/dev/null; then return; fi
  "$(command -v sshd || echo /usr/sbin/sshd)" -f "$sshdir/sshd_config" -E "$state/log/sshd.log"
  for _ in $(seq 1 50); do
    if ssh -F "$sshdir/config" -o BatchMode=yes hbdeck-c true 2>/dev/null; then say "sshd up on 127.0.0.1:$ssh_port (engine C)"; return; fi
    sleep 0.2
  done
  say "sshd did not let the test key in; its log:"; tail -n 20 "$state/log/sshd.log" >&2
  exit 1
}

# The test images, copied from the first engine into B and C when theirs differ.
copy_images() {
  local name socket image
  for name in b c n; do
    socket="unix://$run/$name/docker.sock"
    for image in "$bot_image" "$bot_image_venv" "$bot_image_system" "$broker_image"; do
      if [ "$(DOCKER_HOST=$socket docker image inspect -f '{{.Id}}' "$image" 2>/dev/null)" != "$(docker image inspect -f '{{.Id}}' "$image")" ]; then
        say "copying $image to engine $name"
        docker save "$image" | DOCKER_HOST=$socket docker load >/dev/null
      fi
    done
  done
}

start_extra_engines() {
  make_certificates
  start_extra_engine b --host "$b_tcp" --tlsverify --tlscacert "$tls/server/ca.pem" --tlscert "$tls/server/cert.pem" --tlskey "$tls/server/key.pem"
  start_extra_engine c
  start_extra_engine n
  start_sshd
  copy_images
}

stop_extra_engines() {
  local name pid
  if [ -f "$sshdir/sshd.pid" ]; then kill "$(cat "$sshdir/sshd.pid")" 2>/dev/null || true; fi
  for name in b c n; do
    [ -f "$run/$name/docker.pid" ] || continue
    pid=$(cat "$run/$name/docker.pid")
    DOCKER_HOST="unix://$run/$name/docker.sock" docker rm -f $(DOCKER_HOST="unix://$run/$name/docker.sock" docker ps -aq 2>/dev/null) >/dev/null 2>&1 || true
    # Its bridges go with its networks; Docker's chains stay, as another engine on the machine may use them.
    DOCKER_HOST="unix://$run/$name/docker.sock" docker network prune -f >/dev/null 2>&1 || true
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
}

stop_engine() {
  stop_extra_engines
  if [ -f "$run/docker.pid" ]; then
    local pid; pid=$(cat "$run/docker.pid")
    if kill -0 "$pid" 2>/dev/null; then
      curl -sf --max-time 5 --unix-socket "$sock" -X POST "http://docker/containers/prune" >/dev/null 2>&1 || true
      kill "$pid"
      for _ in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  grep -o "$run/exec[^ ]*" /proc/mounts 2>/dev/null | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  grep -o "$state/docker[^ ]*" /proc/mounts 2>/dev/null | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$run" "$state"
  say "private engine stopped and its state removed (the root filesystem cache in $cache stays)"
}

case "${1:-up}" in
  build-deps) install_build_packages ;;
  install) install_packages ;;
  up) install_packages; start_engine; build_images; start_extra_engines ;;
  images) build_images ;;
  env) printf 'export DOCKER_HOST=%s\n' "$DOCKER_HOST" ;;
  down) stop_engine ;;
  *) say "usage: $0 build-deps|install|up|env|down"; exit 2 ;;
esac
