/// Recognizes formats from the first bytes of a file.
enum FormatSniffer {
    /// A short name of the binary format of `bytes`, or `nil` when they look like text.
    static func binaryKind(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(8)
        let signatures: [([UInt8], String)] = [
            ([0x25, 0x50, 0x44, 0x46], "PDF"), ([0x89, 0x50, 0x4E, 0x47], "PNG image"), ([0xFF, 0xD8, 0xFF], "JPEG image"),
            ([0x47, 0x49, 0x46, 0x38], "GIF image"), ([0x50, 0x4B, 0x03, 0x04], "zip archive"), ([0x7F, 0x45, 0x4C, 0x46], "ELF executable"),
            ([0x53, 0x51, 0x4C, 0x69, 0x74, 0x65], "SQLite database"), ([0x52, 0x49, 0x46, 0x46], "RIFF media"),
        ]
        for (signature, name) in signatures where head.starts(with: signature) { return name }
        // Text has no NUL bytes and few control bytes; UTF-16 text is not supported.
        let sample = bytes.prefix(4096)
        var controls = 0
        for byte in sample {
            if byte == 0 { return "contains NUL bytes" }
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C { controls += 1 }
        }
        return controls * 20 > sample.count ? "mostly control bytes" : nil
    }
}
