import GRDB
internal import GRDBSQLite

/// Statements run through SQLite's C API, for the millions of posting rows a cold scan
/// writes and reads: GRDB's per-row arguments and `Row` values would cost more than SQLite's
/// own work.
enum RawStatement {
    /// Runs `sql`, a cached statement with two integer parameters, once for each pair.
    static func run(_ db: Database, _ sql: String, pairs: some Sequence<(Int64, Int64)>) throws {
        let handle = try db.cachedStatement(sql: sql).sqliteStatement
        defer { sqlite3_reset(handle) }
        for (first, second) in pairs {
            sqlite3_reset(handle)
            sqlite3_bind_int64(handle, 1, first)
            sqlite3_bind_int64(handle, 2, second)
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else { throw error(code, on: db) }
        }
    }

    /// Calls `body` with each row of `statement`, whose columns it reads through `sqlite3_column_*`.
    static func forEachRow(of statement: Statement, on db: Database, _ body: (SQLiteStatement) -> Void) throws {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(code, on: db) }
            body(handle)
        }
    }

    /// The error SQLite reports for `code` on `db`'s connection.
    private static func error(_ code: Int32, on db: Database) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
}
