import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Encodes text as CP950 (Big5 with Microsoft's extensions) through glibc's iconv, as Excel on a
/// Traditional Chinese Windows saves "CSV (comma delimited)".
func encodeCP950(_ text: String) throws -> [UInt8] {
    let converter = iconv_open("CP950", "UTF-8")
    guard converter != iconv_t(bitPattern: -1) else {
        throw FixtureError(message: "iconv cannot convert UTF-8 to CP950 on this system")
    }
    defer { iconv_close(converter) }

    var input = Array(text.utf8)
    // CP950 needs at most as many bytes as UTF-8: 2 instead of 3 for a Chinese character.
    var output = [UInt8](repeating: 0, count: input.count + 16)
    var status = 0
    var written = 0
    input.withUnsafeMutableBufferPointer { inputBuffer in
        output.withUnsafeMutableBufferPointer { outputBuffer in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBuffer.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outputBuffer.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = inputBuffer.count
            var outLeft = outputBuffer.count
            status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            written = outputBuffer.count - outLeft
        }
    }
    guard status != -1 else {
        throw FixtureError(message: "iconv failed to encode the fixture as CP950 (errno \(errno))")
    }
    return Array(output[0..<written])
}

/// Encodes text as UTF-16LE preceded by the byte order mark FF FE, as Excel's "Unicode Text" does.
func encodeUTF16LEWithBOM(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in text.utf16 {
        bytes.append(UInt8(unit & 0xFF))
        bytes.append(UInt8(unit >> 8))
    }
    return bytes
}

/// Encodes text as UTF-8 and puts `replacement` where `placeholder` stood, to plant invalid bytes.
func utf8Bytes(_ text: String, replacing placeholder: String, with replacement: [UInt8]) -> [UInt8] {
    let parts = text.components(separatedBy: placeholder)
    var bytes: [UInt8] = []
    for (index, part) in parts.enumerated() {
        if index > 0 { bytes += replacement }
        bytes += Array(part.utf8)
    }
    return bytes
}

extension Array where Element == UInt8 {
    /// True when `sequence` occurs somewhere in the bytes.
    func containsSequence(_ sequence: [UInt8]) -> Bool {
        guard sequence.count <= count else { return false }
        return (0...(count - sequence.count)).contains { Array(self[$0..<($0 + sequence.count)]) == sequence }
    }
}
