import GRDB

/// The index's tables, under migrations. Every migration a build knows is listed here; an
/// index that has applied one this build does not know was written by a newer Wiretrace and
/// is refused rather than misread.
enum Schema {
    /// `PRAGMA application_id` of a Wiretrace index: "WTIX".
    static let applicationID: Int32 = 0x5754_4958

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                -- One row per run of `wiretrace scan`; a scan killed before it finished stays 'running'.
                CREATE TABLE scan (
                    id INTEGER PRIMARY KEY,
                    startedAt INTEGER NOT NULL,
                    finishedAt INTEGER,
                    status TEXT NOT NULL,
                    mirror TEXT NOT NULL,
                    report TEXT
                );
                -- Every file ever seen in the mirror. state: ok, bad (could not be read), gone.
                CREATE TABLE file (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL UNIQUE,
                    size INTEGER NOT NULL,
                    mtime INTEGER NOT NULL,
                    inode INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    problem TEXT,
                    format TEXT,
                    documentId INTEGER,
                    versionId INTEGER,
                    firstScan INTEGER NOT NULL,
                    changedScan INTEGER NOT NULL,
                    goneScan INTEGER
                );
                CREATE INDEX file_version ON file(versionId);
                -- A document is what has versions: one canonical URL of the file's own site, or one mirror path.
                CREATE TABLE document (
                    id INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    site TEXT NOT NULL,
                    outlet TEXT,
                    canonicalURL TEXT,
                    currentVersionId INTEGER,
                    linkedVersionId INTEGER,
                    storyId INTEGER,
                    storyScan INTEGER,
                    firstScan INTEGER NOT NULL,
                    gone INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX document_story ON document(storyId);
                CREATE INDEX document_url ON document(canonicalURL);
                -- Every distinct normalized text and title of a document. lastScan is set when a
                -- version stops being current (superseded, or its file gone); NULL means current.
                CREATE TABLE version (
                    id INTEGER PRIMARY KEY,
                    documentId INTEGER NOT NULL REFERENCES document(id),
                    number INTEGER NOT NULL,
                    path TEXT NOT NULL,
                    textHash INTEGER NOT NULL,
                    titleHash INTEGER NOT NULL,
                    title TEXT,
                    outlet TEXT,
                    agencies TEXT NOT NULL,
                    created INTEGER,
                    createdText TEXT,
                    createdHasTime INTEGER NOT NULL DEFAULT 1,
                    updated INTEGER,
                    updatedText TEXT,
                    words INTEGER NOT NULL,
                    firstScan INTEGER NOT NULL,
                    firstSeenAt INTEGER NOT NULL,
                    lastScan INTEGER,
                    classification TEXT,
                    silentEdit INTEGER NOT NULL DEFAULT 0,
                    diffSummary TEXT,
                    UNIQUE (documentId, number)
                );
                CREATE INDEX version_scan ON version(firstScan);
                -- The article as read (JSON of Wiretrace.Article): what re-fingerprinting and diffs start from.
                CREATE TABLE article (versionId INTEGER PRIMARY KEY, json BLOB NOT NULL);
                -- Fingerprint summary of a version under one fingerprint version: the hash of each
                -- paragraph (0 for those that do not count) and the postings it contributes.
                CREATE TABLE print (
                    versionId INTEGER PRIMARY KEY,
                    fingerprintVersion TEXT NOT NULL,
                    paragraphHashes BLOB NOT NULL,
                    postings BLOB NOT NULL
                );
                -- The inverted index: hash -> documents whose current version holds it.
                CREATE TABLE posting (hash INTEGER NOT NULL, documentId INTEGER NOT NULL, PRIMARY KEY (hash, documentId)) WITHOUT ROWID;
                -- Hashes learned as boilerplate: never a link between documents.
                CREATE TABLE boilerplate (hash INTEGER PRIMARY KEY, documents INTEGER NOT NULL, reason TEXT NOT NULL, scan INTEGER NOT NULL);
                -- Verified pairs (a < b): the comparison said they share a source.
                CREATE TABLE link (
                    a INTEGER NOT NULL,
                    b INTEGER NOT NULL,
                    verdict TEXT NOT NULL,
                    score REAL NOT NULL,
                    aInB REAL NOT NULL,
                    bInA REAL NOT NULL,
                    scan INTEGER NOT NULL,
                    PRIMARY KEY (a, b)
                ) WITHOUT ROWID;
                CREATE INDEX link_b ON link(b);
                CREATE TABLE story (
                    id INTEGER PRIMARY KEY,
                    firstScan INTEGER NOT NULL,
                    updatedScan INTEGER NOT NULL,
                    size INTEGER NOT NULL,
                    title TEXT,
                    sourceDocumentId INTEGER,
                    agency TEXT,
                    firstPublished INTEGER,
                    lastPublished INTEGER,
                    outlets TEXT NOT NULL,
                    evidence TEXT NOT NULL,
                    mergedInto INTEGER
                );
                CREATE INDEX story_updated ON story(updatedScan);
                """)
        }
        migrator.registerMigration("v2") { db in
            // The compact stored form of each version's fingerprint (`Fingerprint.serialized()`),
            // so that linking compares without decoding and fingerprinting articles again.
            // NULL for versions written before v2: those are fingerprinted from their article.
            // From v2 on, article.json may also hold the JSON deflated (see ArticleStore).
            try db.execute(sql: "ALTER TABLE print ADD COLUMN fingerprint BLOB")
        }
        migrator.registerMigration("v3") { _ in
            // No table changes: from v3 on, article.json may hold the JSON compressed with
            // Zstandard (see ArticleStore), which a build that knows only v2 could not read;
            // recording the migration makes such a build refuse the index instead.
        }
        migrator.registerMigration("v4") { db in
            try db.execute(sql: """
                -- Pages without article text (galleries, video pages, home pages): what each says
                -- about itself. Not documents (no text, so no versions, links or stories) and not
                -- bad files. key: 'path:' + the mirror path of a saved page, or 'url:' + the
                -- normalized URI of a WARC capture (one row per URI, its latest capture).
                -- filePath: the mirror file holding it (the page, or the WARC file); a page is
                -- current while that file is (see MirrorIndex.pagesWithoutText).
                CREATE TABLE page (
                    id INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    filePath TEXT NOT NULL,
                    path TEXT NOT NULL,
                    site TEXT NOT NULL,
                    outlet TEXT,
                    title TEXT,
                    url TEXT,
                    created INTEGER,
                    createdText TEXT,
                    updated INTEGER,
                    updatedText TEXT,
                    seenAt INTEGER NOT NULL,
                    firstScan INTEGER NOT NULL,
                    scan INTEGER NOT NULL
                );
                CREATE INDEX page_file ON page(filePath);
                CREATE INDEX page_first_scan ON page(firstScan);
                -- Captures of a WARC file that are not articles (stylesheets, scripts, pictures), by kind.
                CREATE TABLE captureKind (
                    filePath TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    count INTEGER NOT NULL,
                    PRIMARY KEY (filePath, kind)
                ) WITHOUT ROWID;
                -- Files read before v4 whose pages or captures were only counted: the next scan
                -- reads them again (as changed files) to record them. A WARC file read again
                -- makes no new versions of captures already indexed.
                UPDATE file SET mtime = -1 WHERE state = 'withoutText' OR (state = 'ok' AND format = 'warc');
                """)
        }
        return migrator
    }

    /// Names of the migrations this build knows.
    static let knownMigrations: Set<String> = ["v1", "v2", "v3", "v4"]
}
