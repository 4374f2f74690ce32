// The time parser on any text, in each kind, country and day order that changes how it reads.
import Wiretrace

let countries: [String?] = [nil, "us", "gb", "in", "de", "fr", "au", "jp", "br"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    // The first byte picks the setting, the rest is the time's text.
    let setting = Int(data[0])
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    let order: TimeContext.DayMonthOrder? = [nil, .dayFirst, .monthFirst][setting % 3]
    let context = TimeContext(country: countries[(setting / 3) % countries.count], dayMonthOrder: order)
    let kind: ArticleTime.Kind = setting & 0x80 == 0 ? .created : .updated
    if let time = ArticleTime(kind: kind, text: text, source: "fuzz", context: context) {
        _ = time.localDescription
        _ = time.localDay(pageOffset: nil, country: context.country)
    }
    _ = TimeContext.offsetMinutes(parsing: text)
    return 0
}
