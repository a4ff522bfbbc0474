// LINT: every option the simulator knows, as generated from NOTES.
// Mirrors sys/i386/conf/LINT (made from sys/conf/NOTES by `make LINT`).
// As in NOTES, TI_PRIVATE_JUMBOS is commented out because it cannot be
// combined with TI_JUMBO_HDRSPLIT; everything else is on, so LINT boots the
// zero copy configuration with header splitting and 4 KB clusters.

export const LINT = `#
# LINT -- kernel configuration with every option, generated from NOTES.
#
machine		i386
cpu		I386_CPU
cpu		I486_CPU
cpu		I586_CPU
cpu		I686_CPU
ident		LINT
maxusers	10

makeoptions	DEBUG=-g
options 	ROOTDEVNAME="ufs:da0s2e"

#
# Zero copy sockets support.  This enables "zero copy" for sending and
# receiving data via a socket.  The send side works for any type of NIC,
# the receive side only works for NICs that support MTUs greater than the
# page size of your architecture and that support header splitting.  See
# zero_copy(9) for more details.
#
options 	ZERO_COPY_SOCKETS

#
# Change the size of mbufs and mbuf clusters.  Be careful with NIC driver
# modules: the kernel and a module must agree on these sizes.  The only
# driver that currently has the ability to detect a mismatch is ti(4).
#
options 	MCLSHIFT=12	# mbuf cluster shift in bits, 12 == 4KB
options 	MSIZE=512	# mbuf size in bytes
options 	NMBCLUSTERS=1024
options 	MAXMEM=131072	# RAM in KB: 128 MB

options 	INET, INET6
options 	FFS, SOFTUPDATES, UFS_DIRHASH
options 	MD_ROOT
options 	NFSCLIENT, NFSSERVER, NFS_ROOT
options 	MSDOSFS, CD9660
options 	PSEUDOFS, PROCFS
options 	COMPAT_43
options 	SCSI_DELAY=5000
options 	KTRACE
options 	SYSVSHM, SYSVMSG, SYSVSEM
options 	_KPOSIX_PRIORITY_SCHEDULING
options 	KBD_INSTALL_CDEV
options 	DDB
options 	INVARIANTS, INVARIANT_SUPPORT
options 	WITNESS, WITNESS_SKIPSPIN

device		isa
device		pci
device		apic
device		npx
device		ata, atadisk, atapicd
device		scbus, da, cd, ahc
device		atkbdc, atkbd, psm, vga, sc, sio
device		miibus, dc, fxp, xl, em

#
# The Alteon Networks Tigon I/II gigabit Ethernet driver.
#
device		ti
# Use "private" jumbo buffers allocated exclusively for the ti(4) driver.
# This option is incompatible with the TI_JUMBO_HDRSPLIT option below.
#options 	TI_PRIVATE_JUMBOS
# Turn on the header splitting option for the ti(4) driver firmware.  This
# only works for Tigon II chips, and has no effect for Tigon I chips.
options 	TI_JUMBO_HDRSPLIT

device		random, loop, ether, sl, tun, pty, md, gif, bpf
device		ppp	2
device		faith	1
`;
