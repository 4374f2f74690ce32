import Foundation
import Wiretrace

/// Paths and sample texts shared by the test targets.
public enum Fixtures {
    /// The repository root, found from this file's path.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Samples/<relative>`.
    public static func sample(_ relative: String) -> URL { root.appendingPathComponent("Samples").appendingPathComponent(relative) }

    /// The body paragraphs of the seed story (Reuters, 8 December 2023).
    public static let seedBody: [String] = [
        "The U.S. embassy in Baghdad was attacked with two salvos of rockets on Friday morning but there were no casualties, an embassy spokesperson said.",
        "The attack was believed to have been carried out by Iran-aligned militias in Iraq, the spokesperson said. No group immediately claimed responsibility. It was the first reported rocket attack against the embassy since an umbrella group of Iran-aligned Shi'ite Muslim militias initiated attacks against U.S. forces on military bases in Iraq and neighbouring Syria in mid-October.",
        "The armed groups, operating under the banner of the Islamic Resistance in Iraq, have linked more than 70 such attacks to Washington's backing of Israel in its devastating assault on Gaza. \"We again call on the Government of Iraq, as we have done on many occasions, to do all in its power to protect diplomatic and Coalition partner personnel and facilities,\" the embassy spokesperson said.",
        "Explosions were heard near the embassy, in the centre of Iraq's capital, at about 4 a.m. on Friday. Sirens calling on people to take cover were activated, according to social media videos from the scene. Aside from its diplomatic staff in Iraq, the United States has about 2,500 troops in the country on a mission it says aims to advise and assist local forces trying to prevent a resurgence of Islamic State, which in 2014 seized large swathes of both countries before being defeated.",
        "\"We reiterate that we reserve the right to self-defence and to protect our personnel anywhere in the world,\" the spokeperson said.",
    ]

    /// An unrelated story of similar length.
    public static let otherBody: [String] = [
        "The central bank left its benchmark interest rate unchanged on Thursday, saying inflation was easing more slowly than it had expected in the autumn.",
        "Governor Maria Lopez told reporters that the board would watch wage growth and energy prices closely before deciding whether to cut rates early next year.",
        "Markets had priced in a small chance of a cut. The currency rose half a percent against the dollar after the decision, and bond yields edged higher.",
        "Economists polled last week were split on the timing of the first cut, with most expecting it in the second quarter as growth slows across the region.",
    ]

    /// An article made of body paragraphs, with optional times and extra paragraphs.
    public static func article(title: String? = "US embassy in Baghdad attacked with rockets, no casualties",
                               body: [String], created: String? = nil, updated: String? = nil,
                               extra: [Paragraph] = []) -> Article {
        let context = TimeContext(country: "in")
        var times: [ArticleTime] = []
        if let created, let time = ArticleTime(kind: .created, text: created, source: "test", context: context) { times.append(time) }
        if let updated, let time = ArticleTime(kind: .updated, text: updated, source: "test", context: context) { times.append(time) }
        return Article(title: title, times: times, paragraphs: body.map { Paragraph($0) } + extra)
    }
}
