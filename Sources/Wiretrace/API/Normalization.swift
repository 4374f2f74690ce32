/// The versioned text normalization that every fingerprint is computed over.
///
/// Version 1: Unicode compatibility normalization with full case folding (NFKC_Casefold;
/// ASCII takes a byte fast path with the same result), typographic quotes, apostrophes and
/// dashes mapped to ASCII, soft hyphens and zero-width characters dropped, every run of
/// white space (including non-breaking and ideographic spaces) collapsed to one space.
/// Digits are kept: numbers are what updates change. Leading datelines such as
/// `BAGHDAD, Dec 8 (Reuters) -` are removed before normalization by ``Fingerprint``,
/// which keeps them as evidence.
///
/// Any change to these rules bumps ``version``; fingerprints carry the version they were
/// made under and are never compared across versions.
public enum Normalization {
    /// The version of the rules implemented by this build.
    public static let version = 1

    /// The normalized form of `text`.
    ///
    /// - Complexity: O(*n*) in the UTF-8 length of `text`.
    public static func normalize(_ text: String) -> String {
        var output: [UInt8] = []
        TextNormalizer.appendNormalized(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
