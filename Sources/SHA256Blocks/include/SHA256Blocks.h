#ifndef SHA256_BLOCKS_H
#define SHA256_BLOCKS_H

#include <stddef.h>
#include <stdint.h>

/// Runs the SHA-256 compression function over `count` whole 64-byte blocks in plain C, on any
/// processor. `state` contains the eight working words A to H.
void sha256_blocks_portable(uint32_t state[8], const uint8_t *blocks, size_t count);

/// Returns 1 when the processor has the SHA extensions (and SSSE3 and SSE4.1) that
/// sha256_blocks_hardware needs, 0 otherwise.
int sha256_hardware_available(void);

/// Runs the SHA-256 compression function over `count` whole 64-byte blocks with the processor's
/// SHA instructions. `state` contains the eight working words A to H. Call only after
/// sha256_hardware_available() returned 1.
void sha256_blocks_hardware(uint32_t state[8], const uint8_t *blocks, size_t count);

#endif
