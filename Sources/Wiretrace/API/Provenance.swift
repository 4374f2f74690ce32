/// The likely source of a group of copies of one story, decided from evidence, each piece
/// kept as a value: the agency most copies credit for the text, a copy published by that
/// agency itself, containment direction (a trimmed copy is contained in its source, not the
/// reverse), the earliest declared created time, the canonical URL a copy keeps of its
/// publisher's page, and which copy a scan saw first.
///
/// Order of weight: the agency's own copy; then the copy that contains more of its linked
/// copies than they contain of it (``Comparison/containingSide(containmentOfAInB:containmentOfBInA:)``);
/// then the earliest created time (``PublicationOrder``); then the copy on whose site the
/// others declare their canonical URL; then a copy seen by an earlier scan. Declared times can be wrong (CMS defaults at local midnight), which is why
/// containment outranks them. When none of these separates two or more copies the decision
/// is ``Decision/undecided(between:because:)``: a source is never picked by path or id.
/// Copies whose normalized text is identical are named as such.
public struct Provenance: Sendable, Hashable {
    /// One copy of the story, as the evidence sees it.
    public struct Candidate: Sendable, Hashable {
        /// The caller's id of the copy (the index's document id).
        public var id: Int64
        public var path: String
        public var outlet: String
        /// The site the copy was found under (`www.reuters.com`), or empty.
        public var site: String
        /// The agencies the copy credits for its text (image credits excluded).
        public var textAgencies: [String]
        public var created: ArticleTime?
        /// When a scan first saw the copy (seconds since 1970): the only time no publisher can
        /// fake. Copies seen by the same scan carry the same value.
        public var firstSeen: Int64
        /// Identity of the normalized text: equal for text-identical copies.
        public var textIdentity: UInt64
        /// The host of the canonical URL the page declares (`www.outlet.com`), if any.
        public var canonicalHost: String?

        public init(id: Int64, path: String, outlet: String, site: String = "", textAgencies: [String],
                    created: ArticleTime?, firstSeen: Int64, textIdentity: UInt64, canonicalHost: String? = nil) {
            self.canonicalHost = canonicalHost
            self.id = id
            self.path = path
            self.outlet = outlet
            self.site = site
            self.textAgencies = textAgencies
            self.created = created
            self.firstSeen = firstSeen
            self.textIdentity = textIdentity
        }
    }

    /// A verified link between two copies (they share a source) with its containments.
    public struct Link: Sendable, Hashable {
        public var a: Int64, b: Int64
        public var containmentOfAInB: Double, containmentOfBInA: Double

        public init(a: Int64, b: Int64, containmentOfAInB: Double, containmentOfBInA: Double) {
            self.a = a
            self.b = b
            self.containmentOfAInB = containmentOfAInB
            self.containmentOfBInA = containmentOfBInA
        }
    }

    /// Why the evidence leaves more than one candidate.
    public enum Tie: String, Sendable, Hashable, Codable {
        /// The candidates carry the same normalized text: nothing in the text orders them.
        case identicalText = "identical text"
        /// No credit, containment direction, created time or earlier sighting separates them.
        case noEvidenceSeparates = "no evidence separates them"
    }

    public enum Decision: Sendable, Hashable, Codable {
        case source(document: Int64)
        case undecided(between: [Int64], because: Tie)
        /// No copies at all.
        case none
    }

    /// One piece of evidence; ``Provenance/sentences()`` words them.
    public enum Evidence: Sendable, Hashable, Codable {
        public struct AgencyCount: Sendable, Hashable, Codable {
            public var agency: String
            public var copies: Int
        }
        case credited(agency: String, copies: Int, of: Int, alsoCredited: [AgencyCount])
        case noAgencyCredited
        /// Copies published by the credited agency itself.
        case agencysOwnCopy(documents: [Int64])
        /// The copy holds more of `copies` linked copies than they hold of it.
        case containment(document: Int64, copies: Int)
        /// The earliest declared created time, and whether that copy is the one decided on.
        case earliestCreated(document: Int64, text: String, isSource: Bool)
        /// Several copies share the earliest created time (same instant, or the same day for a date alone).
        case sameCreatedTime(documents: [Int64], text: String)
        case noCreatedTime
        /// The other candidates' pages declare a canonical URL on this copy's site: they say
        /// they are copies of the page published there.
        case canonicalURL(document: Int64, copies: [Int64])
        /// Seen by an earlier scan than the other candidates.
        case seenFirst(document: Int64)
        /// `copies` carry the same normalized text as `of`, the source.
        case identicalCopies(of: Int64, copies: [Int64])
        /// These copies, none of them the source, carry the same normalized text.
        case identicalText(documents: [Int64])
        case undecided(between: [Int64], because: Tie)
    }

    public let decision: Decision
    /// The agency most copies credit for the text (ties go to the name first in alphabetical order).
    public let agency: String?
    public let evidence: [Evidence]
    public let candidates: [Candidate]

    /// The decided source, `nil` when undecided or empty.
    public var source: Candidate? {
        guard case .source(let id) = decision else { return nil }
        return candidates.first { $0.id == id }
    }

    /// For each copy whose text is identical to the decided source's, the source's id.
    public var identicalToSource: [Int64: Int64] {
        var result: [Int64: Int64] = [:]
        for case .identicalCopies(let of, let copies) in evidence where of == source?.id { for copy in copies { result[copy] = of } }
        return result
    }

    public init(candidates: [Candidate], links: [Link]) {
        self.candidates = candidates
        var evidence: [Evidence] = []
        var votes: [String: Int] = [:]
        for candidate in candidates { for agency in Set(candidate.textAgencies) { votes[agency, default: 0] += 1 } }
        let agency = votes.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        self.agency = agency
        if let agency {
            let others = votes.filter { $0.key != agency }.sorted { $0.key < $1.key }.map { Evidence.AgencyCount(agency: $0.key, copies: $0.value) }
            evidence.append(.credited(agency: agency, copies: votes[agency]!, of: candidates.count, alsoCredited: others))
        } else {
            evidence.append(.noAgencyCredited)
        }
        var pool = candidates
        if let agency {
            let own = candidates.filter { Agencies.agency(named: $0.outlet) == agency || Self.site($0.site, isOf: agency) }
            if !own.isEmpty { pool = own; evidence.append(.agencysOwnCopy(documents: own.map(\.id))) }
        }
        // Containment direction: net count of linked copies each candidate holds more of.
        var holds: [Int64: Int] = [:]
        for link in links {
            switch Comparison.containingSide(containmentOfAInB: link.containmentOfAInB, containmentOfBInA: link.containmentOfBInA) {
            case .a: holds[link.a, default: 0] += 1; holds[link.b, default: 0] -= 1
            case .b: holds[link.b, default: 0] += 1; holds[link.a, default: 0] -= 1
            case nil: break
            }
        }
        if let most = pool.map({ holds[$0.id, default: 0] }).max(), pool.contains(where: { holds[$0.id, default: 0] != most }) {
            pool = pool.filter { holds[$0.id, default: 0] == most }
            if most > 0, pool.count == 1 { evidence.append(.containment(document: pool[0].id, copies: most)) }
        }
        // Created times: keep the candidates no other candidate was published before.
        pool = Self.earliest(pool)
        // A copy saved elsewhere keeps the canonical URL its publisher gave it.
        if pool.count > 1 {
            let publishers = pool.filter { candidate in
                guard let site = Self.bareHost(candidate.site) else { return false }
                return (candidate.canonicalHost.flatMap(Self.bareHost) ?? site) == site
                    && pool.contains { $0.id != candidate.id && $0.canonicalHost.flatMap(Self.bareHost) == site }
            }
            if publishers.count == 1 {
                let site = Self.bareHost(publishers[0].site)
                let naming = pool.filter { $0.id != publishers[0].id && $0.canonicalHost.flatMap(Self.bareHost) == site }.map(\.id)
                pool = publishers
                evidence.append(.canonicalURL(document: publishers[0].id, copies: naming))
            }
        }
        if pool.count > 1, let seen = pool.map(\.firstSeen).min(), pool.contains(where: { $0.firstSeen != seen }) {
            pool = pool.filter { $0.firstSeen == seen }
            if pool.count == 1 { evidence.append(.seenFirst(document: pool[0].id)) }
        }
        let decision: Decision
        switch pool.count {
        case 0: decision = .none
        case 1: decision = .source(document: pool[0].id)
        default:
            let tie: Tie = Set(pool.map(\.textIdentity)).count == 1 ? .identicalText : .noEvidenceSeparates
            decision = .undecided(between: pool.map(\.id), because: tie)
        }
        self.decision = decision
        let chosen: Int64? = if case .source(let id) = decision { id } else { nil }
        evidence.append(Self.timeEvidence(candidates, chosen: chosen))
        // Identical copies: of the source where it has any, else each group on its own.
        var groups: [UInt64: [Int64]] = [:]
        for candidate in candidates { groups[candidate.textIdentity, default: []].append(candidate.id) }
        for candidate in candidates {
            guard let group = groups.removeValue(forKey: candidate.textIdentity), group.count > 1 else { continue }
            if let chosen, group.contains(chosen) {
                evidence.append(.identicalCopies(of: chosen, copies: group.filter { $0 != chosen }))
            } else {
                evidence.append(.identicalText(documents: group))
            }
        }
        if case .undecided(let between, let tie) = decision { evidence.append(.undecided(between: between, because: tie)) }
        self.evidence = evidence
    }

    /// Whether `a` was published before `b` by ``PublicationOrder``; a copy with a declared
    /// time counts as before one without.
    static func published(_ a: Candidate, before b: Candidate) -> Bool {
        switch (a.created?.instant, b.created?.instant) {
        case (.some, nil): return true
        case (nil, _): return false
        default: return PublicationOrder(created: a.created, b.created).first == .a
        }
    }

    /// The candidates no other candidate was published before, in linear time: a copy
    /// published after some other is published after the earliest copy with a time of day
    /// (both precise) or after the earliest copy of all (a day or more apart), so those two
    /// are the only ones to compare with (stories of thousands of copies are summarized on
    /// every cold scan).
    static func earliest(_ candidates: [Candidate]) -> [Candidate] {
        let timed = candidates.filter { $0.created?.instant != nil }
        guard !timed.isEmpty else { return candidates }
        let first = timed.min { $0.created!.instant! < $1.created!.instant! }!
        let firstPrecise = timed.filter { $0.created!.hasTimeOfDay }.min { $0.created!.instant! < $1.created!.instant! }
        return timed.filter { candidate in
            !published(first, before: candidate) && !(firstPrecise.map { published($0, before: candidate) } ?? false)
        }
    }

    /// The earliest created time among all copies, or the copies that share it.
    static func timeEvidence(_ candidates: [Candidate], chosen: Int64?) -> Evidence {
        let earliest = earliest(candidates)
        guard let first = earliest.first, let created = first.created, created.instant != nil else { return .noCreatedTime }
        let text = created.text.isEmpty ? created.instant!.description : created.text
        if earliest.count > 1 { return .sameCreatedTime(documents: earliest.map(\.id), text: text) }
        return .earliestCreated(document: first.id, text: text, isSource: first.id == chosen)
    }

    /// `www.outlet.com` → `outlet.com`; nil for no host.
    static func bareHost(_ host: String) -> String? {
        let lowered = host.lowercased()
        let bare = lowered.hasPrefix("www.") ? String(lowered.dropFirst(4)) : lowered
        return bare.isEmpty ? nil : bare
    }

    /// Whether a site's name starts with one of the agency's names of three letters or more:
    /// `www.reuters.com`, `www.ptinews.com`, `english.xinhuanet.com`, `www.app.com.pk`.
    static func site(_ site: String, isOf agency: String) -> Bool {
        let labels = site.lowercased().split(separator: ".").filter { $0 != "www" && $0 != "english" }
        guard let label = labels.first, let entry = Agencies.catalog.first(where: { $0.name == agency }) else { return false }
        return entry.aliases.contains { alias in alias.count >= 3 && alias.allSatisfy { $0.isASCII && $0.isLetter } && label.hasPrefix(alias) }
    }

    /// The evidence as sentences, in order, naming each copy by its outlet (and its path where
    /// two copies share an outlet).
    public func sentences() -> [String] {
        let outlets = Dictionary(grouping: candidates, by: \.outlet)
        let byID = Dictionary(candidates.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func name(_ id: Int64) -> String {
            guard let candidate = byID[id] else { return "#\(id)" }
            return outlets[candidate.outlet, default: []].count > 1 ? "\(candidate.outlet) (\(candidate.path))" : candidate.outlet
        }
        func names(_ ids: [Int64]) -> String {
            let named = ids.map(name)
            return named.count <= 2 ? named.joined(separator: " and ") : named.dropLast().joined(separator: ", ") + " and " + named.last!
        }
        return evidence.map { piece in
            switch piece {
            case .credited(let agency, let copies, let total, let others):
                "\(agency) is credited for the text by \(copies) of \(total) copies"
                    + (others.isEmpty ? "" : "; also credited: " + others.map { "\($0.agency) (\($0.copies))" }.joined(separator: ", "))
            case .noAgencyCredited: "no copy credits an agency for the text"
            case .agencysOwnCopy(let ids):
                ids.count == 1 ? "\(name(ids[0])) is the agency's own copy (\(byID[ids[0]]?.path ?? ""))"
                    : "\(names(ids)) are the agency's own copies"
            case .containment(let id, let copies):
                "\(name(id)) holds more of \(copies) linked cop\(copies == 1 ? "y" : "ies") than they hold of it (containment direction)"
            case .earliestCreated(let id, let text, let isSource):
                "earliest created time: \(name(id)), \(text)" + (isSource ? "" : " (not the copy chosen: declared times can be wrong)")
            case .sameCreatedTime(let ids, let text): "\(names(ids)) carry the same earliest created time, \(text)"
            case .noCreatedTime: "no copy declares a created time"
            case .canonicalURL(let id, let copies):
                "\(names(copies)) \(copies.count == 1 ? "declares its" : "declare their") canonical URL on the site of \(name(id)) (the publisher's page)"
            case .seenFirst(let id): "\(name(id)) was seen by an earlier scan than the other candidates"
            case .identicalCopies(let of, let copies): "\(names(copies)) \(copies.count == 1 ? "is an identical copy" : "are identical copies") of \(name(of))"
            case .identicalText(let ids): "\(names(ids)) carry identical text"
            case .undecided(let ids, let tie): "undecided between \(names(ids)): \(tie.rawValue)"
            }
        }
    }
}
