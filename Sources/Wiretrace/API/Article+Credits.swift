extension Article {
    /// Credits carried by datelines that open body paragraphs (`MUMBAI, Dec 6 (PTI):`).
    public func datelineCredits() -> [AgencyCredit] {
        paragraphs.compactMap { paragraph in
            guard paragraph.role == .body, let dateline = Dateline.find(in: paragraph.text), let agency = dateline.agency else { return nil }
            return AgencyCredit(agency: agency, kind: .text, evidence: dateline.text, location: "dateline")
        }
    }

    /// The article's agency credits together with those its datelines carry, without repeats
    /// of the same agency, kind and location.
    public func credits(including fingerprint: Fingerprint) -> [AgencyCredit] {
        var all = credits
        for dateline in fingerprint.datelines {
            guard let agency = dateline.agency else { continue }
            let credit = AgencyCredit(agency: agency, kind: .text, evidence: dateline.text, location: "dateline")
            if !all.contains(where: { $0.agency == agency && $0.kind == .text && $0.location == "dateline" }) { all.append(credit) }
        }
        return all
    }
}
