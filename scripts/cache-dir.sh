# SPDX-License-Identifier: GPL-2.0
# Sourced by the scripts that cache slow builds outside the clone (the Linux
# KUnit kernel), so every clone on a machine shares them and CI reuses them.
# PVPATCH_CACHE overrides; root uses /var/cache/pvpatch, others ~/.cache.
pvpatch_cache_dir() {
	if [ -n "${PVPATCH_CACHE:-}" ]; then
		echo "$PVPATCH_CACHE"
	elif [ "$(id -u)" = 0 ]; then
		echo /var/cache/pvpatch
	else
		echo "${XDG_CACHE_HOME:-$HOME/.cache}/pvpatch"
	fi
}
