package io.parley.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An empty test database: drops the {@code public} schema with everything in it and creates it again, so the
 * service's Flyway migrations run from the first one, as on a new installation (and a migration edited during
 * development is applied as it is now). The database's owner may do this; no superuser is needed. Uses the
 * PostgreSQL JDBC driver of the service under test.
 */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static void empty(String jdbcUrl, String user, String password) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
            statement.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the test database " + jdbcUrl + ": " + e.getMessage()
                    + " (is PostgreSQL running? ./parley infra starts it)", e);
        }
    }
}
