package org.backtriage.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What an SQLite file holds, read on a connection of its own, as a test looks into the bot's database. */
public final class SqliteFile {
    private SqliteFile() {
    }

    /** Every row of every table, by table name; a row is its columns as text ("null" for NULL). */
    public static Map<String, List<List<String>>> everyRow(Path file) throws SQLException {
        Map<String, List<List<String>>> rows = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                List<List<String>> lines = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<String> line = new ArrayList<>();
                        for (int i = 1; i <= columns; i++) {
                            line.add(String.valueOf(rs.getString(i)));
                        }
                        lines.add(List.copyOf(line));
                    }
                }
                rows.put(table, List.copyOf(lines));
            }
        }
        return rows;
    }
}
