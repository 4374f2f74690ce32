import Foundation

/// The one JSON schema every command's `--json` output follows (the files in
/// `Sources/wiretrace/Schemas/` describe each command's document).
///
/// Version 2: one time object everywhere (``TimeJSON``), every document named by one object
/// (``DocumentJSON``), `null` for every absent value, one `summary` shape, no nested repeats.
enum JSONOutput {
    static let schemaVersion = 2

    /// Pretty, key-sorted JSON with a final newline, so output diffs cleanly.
    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try encoder(pretty: true).encode(value), as: UTF8.self) + "\n"
    }

    /// One value on one line (JSON Lines).
    static func line(_ value: some Encodable) throws -> String {
        String(decoding: try encoder(pretty: false).encode(value), as: UTF8.self) + "\n"
    }

    private static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// An optional that encodes as `null` when absent, where Swift's synthesized `Encodable`
/// would leave the key out: every output object has every key of its schema.
@propertyWrapper
struct Nullable<Value: Encodable>: Encodable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
