import Testing
@testable import Wiretrace
import WiretraceTestSupport

@Suite("Provenance: the likely source of a group of copies")
struct ProvenanceTests {
    /// A copy with a created time given as "YYYY-MM-DD HH:MM" in UTC (or a date alone).
    private func copy(_ id: Int64, outlet: String, site: String = "", agencies: [String] = [], created: String? = nil,
                      firstSeen: Int64 = 1_000, text: UInt64? = nil) -> Provenance.Candidate {
        let time = created.flatMap { ArticleTime(kind: .created, text: $0 + (($0.count > 10) ? " UTC" : ""), source: "test", context: TimeContext()) }
        return Provenance.Candidate(id: id, path: "\(outlet)/\(id).txt", outlet: outlet, site: site, textAgencies: agencies, created: time,
                                    firstSeen: firstSeen, textIdentity: text ?? UInt64(id))
    }

    private func link(_ a: Int64, _ b: Int64, aInB: Double, bInA: Double) -> Provenance.Link {
        Provenance.Link(a: a, b: b, containmentOfAInB: aInB, containmentOfBInA: bInA)
    }

    @Test("the agency's own copy is the source even when a republication declares an earlier time")
    func agencysOwnCopy() {
        let wire = copy(2, outlet: "reuters.com", site: "www.reuters.com", agencies: ["Reuters"], created: "2023-12-08 09:20")
        let aggregator = copy(1, outlet: "Aggregator", site: "www.aggregator.in", agencies: ["Reuters"], created: "2023-12-08 09:00")
        let provenance = Provenance(candidates: [aggregator, wire], links: [link(1, 2, aInB: 0.9, bInA: 0.9)])
        #expect(provenance.decision == .source(document: 2))
        #expect(provenance.agency == "Reuters")
        #expect(provenance.evidence.contains(.agencysOwnCopy(documents: [2])))
        #expect(provenance.evidence.contains(.earliestCreated(document: 1, text: "2023-12-08 09:00 UTC", isSource: false)))
    }

    @Test("containment direction outranks declared times: the fuller copy is the source")
    func containmentOutranksTimes() {
        let full = copy(1, outlet: "Full", created: "2023-12-08 10:00")
        let trimmed = copy(2, outlet: "Trimmed", created: "2023-12-08 09:00")
        // The trimmed copy (b) is nearly all in the full one; the full one only half in it.
        let provenance = Provenance(candidates: [full, trimmed], links: [link(1, 2, aInB: 0.5, bInA: 0.95)])
        #expect(provenance.decision == .source(document: 1))
        #expect(provenance.evidence.contains(.containment(document: 1, copies: 1)))
        #expect(provenance.sentences().contains { $0.contains("not the copy chosen") })
    }

    @Test("the containment rule is Comparison's: a difference of 0.1 or less gives no direction")
    func containmentThreshold() {
        #expect(Comparison.containingSide(containmentOfAInB: 0.5, containmentOfBInA: 0.95) == .a)
        #expect(Comparison.containingSide(containmentOfAInB: 0.95, containmentOfBInA: 0.5) == .b)
        #expect(Comparison.containingSide(containmentOfAInB: 0.9, containmentOfBInA: 0.95) == nil)
        let provenance = Provenance(candidates: [copy(1, outlet: "One", created: "2023-12-08 10:00"), copy(2, outlet: "Two", created: "2023-12-08 09:00")],
                                    links: [link(1, 2, aInB: 0.9, bInA: 0.95)])
        #expect(provenance.decision == .source(document: 2), "no direction: the earlier created time decides")
        #expect(provenance.evidence.contains(.earliestCreated(document: 2, text: "2023-12-08 09:00 UTC", isSource: true)))
    }

    @Test("two copies with the same time and no direction are undecided, whatever their order or ids")
    func sameTimeIsUndecided() {
        let a = copy(1, outlet: "Alpha", created: "2023-12-08 09:00"), b = copy(2, outlet: "Beta", created: "2023-12-08 09:00")
        for candidates in [[a, b], [b, a]] {
            let provenance = Provenance(candidates: candidates, links: [link(1, 2, aInB: 0.9, bInA: 0.9)])
            guard case .undecided(let between, let tie) = provenance.decision else { Issue.record("decided: \(provenance.decision)"); continue }
            #expect(Set(between) == [1, 2])
            #expect(tie == .noEvidenceSeparates)
            #expect(provenance.source == nil)
            #expect(!provenance.evidence.contains { if case .earliestCreated = $0 { true } else { false } },
                    "no copy is the earliest when both carry the same time")
            #expect(provenance.sentences().contains { $0.contains("carry the same earliest created time") })
            #expect(provenance.sentences().last?.hasPrefix("undecided between") == true)
        }
    }

    @Test("text-identical copies with the same time are undecided because their text is identical")
    func identicalCopiesSameTime() {
        let page = copy(1, outlet: "Outlet", created: "2023-12-08 09:00", text: 42)
        let mirrorCopy = copy(2, outlet: "Aggregator", created: "2023-12-08 09:00", text: 42)
        let provenance = Provenance(candidates: [page, mirrorCopy], links: [link(1, 2, aInB: 1, bInA: 1)])
        #expect(provenance.decision == .undecided(between: [1, 2], because: .identicalText))
        #expect(provenance.evidence.contains(.identicalText(documents: [1, 2])))
        #expect(provenance.identicalToSource.isEmpty)
    }

    @Test("an identical copy published later is named an identical copy of the source")
    func identicalCopyOfSource() {
        let page = copy(1, outlet: "Outlet", created: "2023-12-08 09:00", text: 42)
        let later = copy(2, outlet: "Aggregator", created: "2023-12-08 11:00", text: 42)
        let provenance = Provenance(candidates: [later, page], links: [link(1, 2, aInB: 1, bInA: 1)])
        #expect(provenance.decision == .source(document: 1))
        #expect(provenance.evidence.contains(.identicalCopies(of: 1, copies: [2])))
        #expect(provenance.identicalToSource == [2: 1])
        #expect(provenance.sentences().contains("Aggregator is an identical copy of Outlet"))
    }

    @Test("where times and text do not separate copies, the copy on whose site the others declare their canonical URL is the publisher's")
    func canonicalURL() {
        var page = copy(1, outlet: "Outlet", site: "www.outlet.com", created: "2023-12-08 09:00", text: 42)
        page.canonicalHost = "www.outlet.com"
        var saved = copy(2, outlet: "Aggregator", site: "aggregator.net", created: "2023-12-08 09:00", text: 42)
        saved.canonicalHost = "outlet.com"
        for candidates in [[page, saved], [saved, page]] {
            let provenance = Provenance(candidates: candidates, links: [link(1, 2, aInB: 1, bInA: 1)])
            #expect(provenance.decision == .source(document: 1))
            #expect(provenance.evidence.contains(.canonicalURL(document: 1, copies: [2])))
            #expect(provenance.evidence.contains(.identicalCopies(of: 1, copies: [2])))
        }
        // A page that names no canonical URL on another's site is not made the publisher's by its own.
        page.canonicalHost = nil
        saved.canonicalHost = "elsewhere.org"
        #expect(Provenance(candidates: [page, saved], links: []).decision == .undecided(between: [1, 2], because: .identicalText))
    }

    @Test("a date without a time of day does not beat a precise time of the same day; it loses to the day before")
    func dateAlone() {
        let dated = copy(1, outlet: "Dated", created: "2023-12-08"), timed = copy(2, outlet: "Timed", created: "2023-12-08 09:00")
        let sameDay = Provenance(candidates: [dated, timed], links: [])
        #expect(sameDay.decision == .undecided(between: [1, 2], because: .noEvidenceSeparates))
        let dayBefore = Provenance(candidates: [copy(1, outlet: "Dated", created: "2023-12-07"), timed], links: [])
        #expect(dayBefore.decision == .source(document: 1))
    }

    @Test("a copy with a declared time comes before one without; with no times, an earlier scan's sighting decides")
    func withoutTimes() {
        let timed = copy(1, outlet: "Timed", created: "2023-12-08 09:00"), untimed = copy(2, outlet: "Untimed")
        #expect(Provenance(candidates: [untimed, timed], links: []).decision == .source(document: 1))
        let earlier = copy(1, outlet: "Earlier", firstSeen: 500), later = copy(2, outlet: "Later", firstSeen: 900)
        let seen = Provenance(candidates: [later, earlier], links: [])
        #expect(seen.decision == .source(document: 1))
        #expect(seen.evidence.contains(.seenFirst(document: 1)))
        #expect(seen.evidence.contains(.noCreatedTime))
        let sameScan = Provenance(candidates: [copy(1, outlet: "One"), copy(2, outlet: "Two")], links: [])
        #expect(sameScan.decision == .undecided(between: [1, 2], because: .noEvidenceSeparates))
    }

    @Test("the agency most copies credit is named, with the others credited")
    func agencyVotes() {
        let provenance = Provenance(candidates: [copy(1, outlet: "One", agencies: ["AFP"]), copy(2, outlet: "Two", agencies: ["AFP", "AP"]),
                                                 copy(3, outlet: "Three")], links: [])
        #expect(provenance.agency == "AFP")
        #expect(provenance.sentences().first == "AFP is credited for the text by 2 of 3 copies; also credited: AP (1)")
        #expect(Provenance(candidates: [copy(1, outlet: "One")], links: []).evidence.first == .noAgencyCredited)
        #expect(Provenance(candidates: [], links: []).decision == .none)
    }

    @Test("publication order from two created times: the one rule for articles and story members")
    func publicationOrder() {
        let context = TimeContext()
        let nine = ArticleTime(kind: .created, text: "2023-12-08 09:00 UTC", source: "test", context: context)
        let ten = ArticleTime(kind: .created, text: "2023-12-08 10:30 UTC", source: "test", context: context)
        let order = PublicationOrder(created: nine, ten)
        #expect(order.first == .a)
        #expect(order.leadSeconds == 5400)
        #expect(PublicationOrder(created: ten, nine).first == .b)
        #expect(PublicationOrder(created: nine, nil).first == .unknown)
        let article = Fixtures.article(body: ["One paragraph of text."], created: "2023-12-08 09:00 UTC")
        #expect(PublicationOrder(article, article).first == .same)
    }
}

@Suite("Provenance: the earliest copies")
struct ProvenanceEarliestTests {
    @Test("the linear search for the earliest copies agrees with comparing every pair", arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func agreesWithPairwise(seed: Int) {
        var generator = SplitMix(seed: UInt64(seed))
        let base = Timestamp(year: 2023, month: 12, day: 8).secondsSince1970
        let candidates = (0..<40).map { id -> Provenance.Candidate in
            let roll = generator.next() % 10
            let instant = base + Int64(generator.next() % 4) * 43_200 + Int64(generator.next() % 3) * 3600
            let created: ArticleTime? = roll == 0 ? nil
                : ArticleTime(kind: .created, text: "", source: "test", instant: Timestamp(secondsSince1970: instant), hasTimeOfDay: roll > 3)
            return Provenance.Candidate(id: Int64(id), path: "\(id)", outlet: "O\(id)", textAgencies: [], created: created,
                                        firstSeen: 0, textIdentity: UInt64(id))
        }
        let pairwise = candidates.filter { candidate in !candidates.contains { Provenance.published($0, before: candidate) } }
        #expect(Provenance.earliest(candidates).map(\.id) == pairwise.map(\.id))
    }
}
