#!/usr/bin/env bash
# The build: hardening of ./oomtop, make install/uninstall with DESTDIR and PREFIX.
. "$TOP/tests/lib.sh"
bin=$TOP/oomtop # the optimised binary is the one that ships

check "oomtop is a position-independent executable" \
	bash -c "readelf -h '$bin' | grep -q 'DYN (Position-Independent'"
check "full RELRO: a GNU_RELRO segment and BIND_NOW" \
	bash -c "readelf -l '$bin' | grep -q GNU_RELRO && readelf -d '$bin' | grep -q BIND_NOW"
check "stack protector is compiled in" \
	bash -c "readelf --dyn-syms -W '$bin' | grep -q __stack_chk_fail"
check "_FORTIFY_SOURCE is in effect (checked libc calls)" \
	bash -c "readelf --dyn-syms -W '$bin' | grep -qE '__[a-z]*printf_chk|__memcpy_chk|__read_chk'"

dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
if env -u BUILD -u OOMTOP make -s -C "$TOP" install DESTDIR="$dest" PREFIX=/opt/oomtop-test >/dev/null 2>&1; then
	check "make install puts the binary under DESTDIR/PREFIX/bin" test -x "$dest/opt/oomtop-test/bin/oomtop"
	check "make install puts the man page under DESTDIR/PREFIX/share/man/man1" \
		test -f "$dest/opt/oomtop-test/share/man/man1/oomtop.1"
	check "the installed binary runs" bash -c "'$dest/opt/oomtop-test/bin/oomtop' --version | grep -q '^oomtop '"
	env -u BUILD -u OOMTOP make -s -C "$TOP" uninstall DESTDIR="$dest" PREFIX=/opt/oomtop-test >/dev/null 2>&1
	check "make uninstall removes both" bash -c "[ -z \"\$(find '$dest' -type f)\" ]"
else
	not_ok "make install DESTDIR=... PREFIX=... failed"
fi
echo "1..$t_n"
