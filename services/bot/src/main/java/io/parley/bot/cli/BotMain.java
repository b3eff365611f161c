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
            // A one-shot run: no HTTP listener, no polling of the service's bots directory (nor reporting for duty),
            // no Kafka consumer (it would take partitions from the running bot service's group), no database, no
            // identity provider (nothing to authenticate; it would warn when none is running), quiet logs.
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.oidc.tenant-enabled", "false");
            System.setProperty("quarkus.scheduler.enabled", "false");
            System.setProperty("mp.messaging.incoming.messages.enabled", "false");
            System.setProperty("parley.bot.embedding-store", "false");
            System.setProperty("parley.bot.dir", dir.getParent().toString());
            System.setProperty("quarkus.log.level", "WARN");
            System.setProperty("quarkus.log.category.\"io.parley\".level", "WARN");
            System.setProperty("quarkus.log.category.\"ai.djl\".level", "ERROR");
            System.setProperty("quarkus.banner.enabled", "false");
            Quarkus.run(EvalCommand.class, (code, error) -> System.exit(code), args);
        } else {
            Quarkus.run(args);
        }
    }
}
