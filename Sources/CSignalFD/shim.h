// Swift's Glibc module leaves out <sys/signalfd.h>. This module exposes signalfd(2),
// SFD_NONBLOCK, SFD_CLOEXEC and struct signalfd_siginfo to Swift.
#include <sys/signalfd.h>
