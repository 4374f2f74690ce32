internal import CWiretraceXML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A page parsed by libxml2's HTML parser, which recovers from broken markup the way
/// browsers do. The one owner of the C document: it is freed exactly once, in `deinit`,
/// and nodes are only lent out inside ``withRoot(_:)``.
struct HTMLDocument: ~Copyable {
    private let document: htmlDocPtr
    /// Whether libxml2 reported that the bytes could not be converted from `encoding`
    /// (it stops reading the text there).
    let conversionFailed: Bool

    /// Parses UTF-8 (or `encoding`) bytes; `nil` when libxml2 returns no document at all.
    ///
    /// The corresponding C function is `htmlReadMemory`. The encoding was decided by
    /// ``Charset``, so the page's own declarations are ignored (`HTML_PARSE_IGNORE_ENC`).
    init?(_ bytes: [UInt8], encoding: String) {
        _ = HTMLDocument.initialized
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
        // libxml2's messages come to this thread's handler, counted here rather than printed.
        var reported = 0
        let parsed = withUnsafeMutablePointer(to: &reported) { counter -> htmlDocPtr? in
            xmlSetStructuredErrorFunc(counter, HTMLDocument.countMessage)
            defer { xmlSetStructuredErrorFunc(nil, HTMLDocument.dropMessage) }
            return bytes.withUnsafeBufferPointer { buffer -> htmlDocPtr? in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                    htmlReadMemory(base, Int32(buffer.count), nil, encoding, options)
                }
            }
        }
        guard let parsed else { return nil }
        document = parsed
        conversionFailed = reported > 0
    }

    deinit { xmlFreeDoc(document) }

    /// Runs `body` with the root element; nodes must not escape it.
    func withRoot<R>(_ body: (HTMLNode) throws -> R) rethrows -> R? {
        guard let root = xmlDocGetRootElement(document) else { return nil }
        return try body(HTMLNode(root))
    }

    /// Whether libxml2 (through iconv) can convert from the named encoding.
    static func knowsEncoding(_ name: String) -> Bool {
        _ = initialized
        guard let handler = xmlFindCharEncodingHandler(name) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }

    /// libxml2 must be initialized once before threads use it. Its own messages (encoding
    /// errors, which `HTML_PARSE_NOERROR` does not silence) would reach standard error raw,
    /// naming no file: they go to a handler that drops them, on this thread and as the
    /// default of every thread that uses libxml2 later (its handlers are per thread). What
    /// they mean reaches the user as the reader's own message naming the file.
    private static let initialized: Bool = {
        xmlInitParser()
        xmlThrDefSetStructuredErrorFunc(nil, dropMessage)
        xmlSetStructuredErrorFunc(nil, dropMessage)
        return true
    }()

    private static let dropMessage: xmlStructuredErrorFunc = { _, _ in }
    /// Counts the encoding errors (and the I/O error the failed conversion causes); markup
    /// errors, which a recovering parser meets on most pages, are not counted.
    private static let countMessage: xmlStructuredErrorFunc = { counter, error in
        guard let domain = error?.pointee.domain,
              domain == Int32(XML_FROM_I18N.rawValue) || domain == Int32(XML_FROM_IO.rawValue) else { return }
        counter?.assumingMemoryBound(to: Int.self).pointee += 1
    }
}

/// A node of a parsed page, valid while its ``HTMLDocument`` lives.
struct HTMLNode {
    let pointer: xmlNodePtr

    init(_ pointer: xmlNodePtr) { self.pointer = pointer }

    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE }

    var tag: HTMLTag { HTMLTag(name: pointer.pointee.name) }
    var firstChild: HTMLNode? { pointer.pointee.children.map(HTMLNode.init) }
    var nextSibling: HTMLNode? { pointer.pointee.next.map(HTMLNode.init) }
    var parent: HTMLNode? {
        guard let parent = pointer.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return HTMLNode(parent)
    }

    /// A number the reader attaches to an element (libxml2's `_private` slot), 0 when unset.
    var mark: Int {
        get { Int(bitPattern: pointer.pointee._private) }
        nonmutating set { pointer.pointee._private = UnsafeMutableRawPointer(bitPattern: newValue) }
    }

    /// The text of a text node, as UTF-8 bytes.
    func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let content = pointer.pointee.content else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: content, count: strlen(content)))
    }

    var text: String { withText { String(decoding: $0, as: UTF8.self) } }

    /// The value of attribute `name` (lower-case ASCII), or `nil`.
    func attribute(_ name: StaticString) -> String? {
        var attribute = pointer.pointee.properties
        while let current = attribute {
            if let attributeName = current.pointee.name, equals(attributeName, name) {
                guard let value = current.pointee.children else { return "" }
                if value.pointee.next == nil, let content = value.pointee.content { return String(cString: content) }
                var text = ""
                var child: xmlNodePtr? = value
                while let node = child {
                    if let content = node.pointee.content { text += String(cString: content) }
                    child = node.pointee.next
                }
                return text
            }
            attribute = current.pointee.next
        }
        return nil
    }

    /// Whether the element has attribute `name` at all.
    func hasAttribute(_ name: StaticString) -> Bool {
        var attribute = pointer.pointee.properties
        while let current = attribute {
            if let attributeName = current.pointee.name, equals(attributeName, name) { return true }
            attribute = current.pointee.next
        }
        return false
    }

    /// Calls `body` with each attribute's name (NUL-terminated, lower-case) and value bytes.
    func forEachAttribute(_ body: (UnsafePointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) {
        var attribute = pointer.pointee.properties
        while let current = attribute {
            if let name = current.pointee.name {
                if let value = current.pointee.children, let content = value.pointee.content {
                    body(name, UnsafeBufferPointer(start: content, count: strlen(content)))
                } else {
                    body(name, UnsafeBufferPointer(start: nil, count: 0))
                }
            }
            attribute = current.pointee.next
        }
    }

    /// Whether a NUL-terminated attribute or element name is `expected`.
    static func name(_ name: UnsafePointer<UInt8>, is expected: StaticString) -> Bool { equals(name, expected) }

    /// The white-space-collapsed text of the subtree.
    var textContent: String {
        var bytes: [UInt8] = []
        appendText(of: self, to: &bytes)
        return String(decoding: bytes, as: UTF8.self).trimmed
    }

    private func appendText(of node: HTMLNode, to bytes: inout [UInt8]) {
        var child = node.firstChild
        while let current = child {
            if current.isText {
                current.withText { Whitespace.appendCollapsed($0, to: &bytes) }
            } else if current.isElement {
                let tag = current.tag
                if !tag.isInvisible {
                    if tag.isBlock || tag == .br, bytes.last != 0x20, !bytes.isEmpty { bytes.append(0x20) }
                    appendText(of: current, to: &bytes)
                    if tag.isBlock, bytes.last != 0x20, !bytes.isEmpty { bytes.append(0x20) }
                }
            }
            child = current.nextSibling
        }
    }
}

private func equals(_ a: UnsafePointer<xmlChar>, _ b: StaticString) -> Bool {
    let count = b.utf8CodeUnitCount
    let other = b.utf8Start
    for index in 0..<count where a[index] != other[index] { return false }
    return a[count] == 0
}

/// White space handling on UTF-8 bytes.
enum Whitespace {
    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    /// Appends `text`, turning runs of ASCII white space into one space (none at the start of `bytes`).
    static func appendCollapsed(_ text: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var lastWasSpace = bytes.isEmpty || bytes.last == 0x20
        for byte in text {
            if isSpace(byte) {
                if !lastWasSpace { bytes.append(0x20); lastWasSpace = true }
            } else {
                bytes.append(byte)
                lastWasSpace = false
            }
        }
    }

    /// Number of bytes that are not ASCII white space.
    static func visibleCount(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in text where !isSpace(byte) { count += 1 }
        return count
    }
}

/// The element names the reader tells apart.
enum HTMLTag: UInt8 {
    case other
    case html, head, body, title, meta, link, base
    case a, p, div, span, br, hr, img, time, abbr
    case li, ul, ol, dl, dt, dd, menu
    case h1, h2, h3, h4, h5, h6
    case blockquote, pre, table, caption, tr, td, th, tbody, thead, tfoot
    case section, article, main, nav, header, footer, aside, address, center
    case form, fieldset, button, select, option, input, textarea, label
    case iframe, noscript, script, style, svg, template, object, embed, video, audio, canvas
    case figure, figcaption, picture, details, summary, dialog

    init(name: UnsafePointer<xmlChar>?) {
        guard let name else { self = .other; return }
        var key: UInt64 = 0
        var length = 0
        while name[length] != 0 {
            if length < 7 { key |= UInt64(name[length] | 0x20) << (8 * UInt64(length)) }
            length += 1
            if length > 16 { self = .other; return }
        }
        key |= UInt64(length) << 56
        self = HTMLTag.lookup[key] ?? .other
    }

    private static let names: [(String, HTMLTag)] = [
        ("html", .html), ("head", .head), ("body", .body), ("title", .title), ("meta", .meta), ("link", .link), ("base", .base),
        ("a", .a), ("p", .p), ("div", .div), ("span", .span), ("br", .br), ("hr", .hr), ("img", .img), ("time", .time), ("abbr", .abbr),
        ("li", .li), ("ul", .ul), ("ol", .ol), ("dl", .dl), ("dt", .dt), ("dd", .dd), ("menu", .menu),
        ("h1", .h1), ("h2", .h2), ("h3", .h3), ("h4", .h4), ("h5", .h5), ("h6", .h6),
        ("blockquote", .blockquote), ("pre", .pre), ("table", .table), ("caption", .caption), ("tr", .tr), ("td", .td), ("th", .th),
        ("tbody", .tbody), ("thead", .thead), ("tfoot", .tfoot),
        ("section", .section), ("article", .article), ("main", .main), ("nav", .nav), ("header", .header), ("footer", .footer),
        ("aside", .aside), ("address", .address), ("center", .center),
        ("form", .form), ("fieldset", .fieldset), ("button", .button), ("select", .select), ("option", .option), ("input", .input),
        ("textarea", .textarea), ("label", .label),
        ("iframe", .iframe), ("noscript", .noscript), ("script", .script), ("style", .style), ("svg", .svg), ("template", .template),
        ("object", .object), ("embed", .embed), ("video", .video), ("audio", .audio), ("canvas", .canvas),
        ("figure", .figure), ("figcaption", .figcaption), ("picture", .picture), ("details", .details), ("summary", .summary),
        ("dialog", .dialog),
    ]

    private static let lookup: [UInt64: HTMLTag] = {
        var table: [UInt64: HTMLTag] = [:]
        for (name, tag) in names {
            let bytes = Array(name.utf8)
            var key: UInt64 = 0
            for (index, byte) in bytes.prefix(7).enumerated() { key |= UInt64(byte) << (8 * UInt64(index)) }
            key |= UInt64(bytes.count) << 56
            table[key] = tag
        }
        return table
    }()

    /// Elements whose content is never read as text.
    var isInvisible: Bool {
        switch self {
        case .script, .style, .noscript, .template, .svg, .select, .option, .button, .iframe, .object, .embed, .video, .audio,
             .canvas, .textarea, .input, .head, .title, .meta, .link, .dialog:
            true
        default: false
        }
    }

    /// Elements that start and end a paragraph.
    var isBlock: Bool {
        switch self {
        case .p, .div, .li, .ul, .ol, .dl, .dt, .dd, .menu, .h1, .h2, .h3, .h4, .h5, .h6, .blockquote, .pre, .table, .caption, .tr,
             .td, .th, .tbody, .thead, .tfoot, .section, .article, .main, .nav, .header, .footer, .aside, .address, .center, .form,
             .fieldset, .figure, .figcaption, .details, .summary, .hr, .body, .html:
            true
        default: false
        }
    }

    /// 1 for `h1` to 6 for `h6`; nil for other tags.
    var headingLevel: Int? {
        switch self {
        case .h1: 1
        case .h2: 2
        case .h3: 3
        case .h4: 4
        case .h5: 5
        case .h6: 6
        default: nil
        }
    }

    var isHeading: Bool {
        switch self {
        case .h1, .h2, .h3, .h4, .h5, .h6: true
        default: false
        }
    }
}
