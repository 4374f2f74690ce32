import Foundation
import GRDB
internal import GRDBSQLite

/// The SQLite engine behind ``SQLConnection``: a GRDB connection inside one of its
/// transactions. Statements are GRDB's cached ones, so a statement run once per row is
/// prepared once per connection; posting rows go through SQLite's C API (``RawStatement``).
struct SQLiteConnection: SQLConnection {
    let db: Database

    var dialect: SQLDialect { .sqlite }

    func execute(sql: String, arguments: SQLArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
    }

    func forEachRow(sql: String, arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: Self.arguments(arguments))
        while let row = try rows.next() {
            try body(SQLRow(values: (0..<row.count).map { Self.value(row[$0] as DatabaseValue) }))
        }
    }

    func insert(sql: String, arguments: SQLArguments) throws -> Int64 {
        try execute(sql: sql, arguments: arguments)
        return db.lastInsertedRowID
    }

    func insertPostings(_ rows: [(Int64, Int64)]) throws {
        try RawStatement.run(db, "INSERT INTO posting(hash, documentId) VALUES (?, ?) ON CONFLICT DO NOTHING", pairs: rows)
    }

    func deletePostings(_ rows: [(Int64, Int64)]) throws {
        try RawStatement.run(db, "DELETE FROM posting WHERE hash = ? AND documentId = ?", pairs: rows)
    }

    func forEachIntegerPair(sql: String, arguments: SQLArguments, _ body: (Int64, Int64) -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(Self.arguments(arguments))
        try RawStatement.forEachRow(of: statement, on: db) { row in
            body(sqlite3_column_int64(row, 0), sqlite3_column_int64(row, 1))
        }
    }

    private static func arguments(_ arguments: SQLArguments) -> StatementArguments {
        StatementArguments(arguments.sqlValues.map { value -> DatabaseValue in
            switch value {
            case .null: .null
            case .integer(let integer): integer.databaseValue
            case .real(let real): real.databaseValue
            case .text(let text): text.databaseValue
            case .blob(let blob): blob.databaseValue
            }
        })
    }

    private static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let integer): .integer(integer)
        case .double(let real): .real(real)
        case .string(let text): .text(text)
        case .blob(let blob): .blob(blob)
        }
    }
}
