package io.parley.bot.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The bot service's main. With no arguments it runs the service. With {@code eval <bot-dir>} it runs that bot's
 * evals, prints the pass table and exits 0 (every eval file reached its passRate), 1 (one did not) or 2 (the files are invalid).
 */
@QuarkusMain
public class BotMain {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("eval")) {
            if (args.length != 2) {
                System.err.println("usage: eval <bot-dir>");
                System.exit(64);
            }
            Path dir = Path.of(args[1]).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                System.err.println("not a directory: " + args[1]);
                System.exit(66);
            }
            // A one-shot run: the `eval` profile of application.properties turns off what a service needs and a run
            // of evals must not touch (listener, Kafka consumer, database, identity provider), on top of the
            // profile the jar would run with.
            String profile = System.getProperty("quarkus.profile",
                    System.getenv().getOrDefault("QUARKUS_PROFILE", "prod"));
            System.setProperty("quarkus.profile", profile + ",eval");
            System.setProperty("parley.bot.dir", dir.getParent().toString());
            Quarkus.run(EvalCommand.class, (code, error) -> System.exit(code), args);
        } else {
            Quarkus.run(args);
        }
    }
}
