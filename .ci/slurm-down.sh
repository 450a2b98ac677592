#!/usr/bin/env bash
# Stops the daemons .ci/slurm-up.sh started, by the PIDs in their pid files (slurmd, slurmctld, munged).
set -u
D="${1:-/tmp/nvsim-slurm}"
for f in "$D/slurmd.pid" "$D/slurmctld.pid"; do
  if [ -f "$f" ]; then
    pid="$(cat "$f")"; kill "$pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
done
if [ -f /run/munge/munged.pid ]; then
  pid="$(cat /run/munge/munged.pid)"; kill "$pid" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
fi
exit 0
