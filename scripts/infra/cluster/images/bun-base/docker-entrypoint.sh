#!/bin/sh
# As in oven/bun's image: a first argument that is an option or not a command runs under bun.
set -e
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ]; then
  set -- bun "$@"
fi
exec "$@"
