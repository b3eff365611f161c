package io.parley.bench;

import io.parley.bot.domain.Bot;
import io.parley.bot.domain.BotReply;
import io.parley.bot.files.BotLoader;
import io.parley.bot.knowledge.KnowledgeIndex;
import io.parley.bot.knowledge.OnnxEmbedder;
import io.parley.bot.knowledge.StoredEmbedder;
import io.parley.bot.repository.EmbeddingRepository;
import io.parley.bot.sentiment.SentimentClassifier;
import io.parley.bot.service.BotEngine;
import io.parley.bot.service.ConversationState;
import io.parley.bot.service.Llm;
import io.parley.bot.service.LoadedBot;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The bot's answer latency without a model (retrieval only) over a knowledge base of 1,000 articles: the example
 * bot's 28 articles plus 972 generated product FAQs (half Chinese, half English). Each question is a new
 * conversation's first message and runs the whole decision (sensitive words, sentiment, handoff rules, hybrid
 * retrieval, follow-ups) on one thread, as the bot's Kafka listener does.
 *
 * <p>Run from bench/ after {@code ./mvnw install -DskipTests} (see docs/benchmarks.md). Args: [articles] [questions].
 */
public final class BotAnswerBench {
    static final String[] ZH_PRODUCTS = { "扫地机器人", "空气净化器", "电动牙刷", "蓝牙耳机", "智能手表", "咖啡机", "电饭煲",
        "加湿器", "吹风机", "投影仪", "净水器", "洗碗机", "电热水壶", "剃须刀", "台灯", "体脂秤", "路由器", "移动电源", "键盘",
        "鼠标", "显示器", "音箱", "相机", "打印机", "平板电脑", "电动自行车", "婴儿推车", "行李箱", "跑步机", "按摩椅", "烤箱" };
    static final String[] ZH_ASPECTS = { "保修期多久", "怎么充电", "如何清洁保养", "开不了机怎么办", "在哪里买配件",
        "怎么升级固件", "噪音很大怎么办", "如何恢复出厂设置", "怎么连接手机", "指示灯一直闪", "耗电太快怎么办",
        "支持哪些电压", "说明书在哪下载", "可以带上飞机吗", "怎么更换滤芯", "出现异味怎么办" };
    static final String[] EN_PRODUCTS = { "robot vacuum", "air purifier", "electric toothbrush", "wireless earbuds",
        "smart watch", "coffee machine", "rice cooker", "humidifier", "hair dryer", "projector", "water filter",
        "dishwasher", "electric kettle", "shaver", "desk lamp", "bathroom scale", "wifi router", "power bank",
        "keyboard", "mouse", "monitor", "speaker", "camera", "printer", "tablet", "e-bike", "stroller", "suitcase",
        "treadmill", "massage chair", "oven" };
    static final String[] EN_ASPECTS = { "warranty period", "charging", "cleaning and care", "does not turn on",
        "buying spare parts", "firmware update", "loud noise", "factory reset", "pairing with a phone",
        "blinking light", "battery drains fast", "supported voltage", "manual download", "taking it on a plane",
        "replacing the filter", "strange smell" };

    record Question(String text, String expectedArticle) {
    }

    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int questions = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Path root = Files.createTempDirectory("parley-bench-bots");
        try {
            Path dir = root.resolve("catalogue");
            List<Question> asked = writeBot(Path.of("..", "bots", "acme"), dir, articles);
            OnnxEmbedder embedder = new OnnxEmbedder();
            embedder.warmUp();
            long loadStart = System.nanoTime();
            Bot bot = BotLoader.load(root, dir);
            LoadedBot loaded = new LoadedBot(bot, new KnowledgeIndex(embedder, bot.articles().values()), 0);
            double loadSec = (System.nanoTime() - loadStart) / 1e9;
            double[] storedSec = storedIndexBuilds(bot);
            BotEngine engine = new BotEngine(SentimentClassifier.fromClasspath(embedder), Llm.NONE);

            Random random = new Random(7);
            for (int i = 0; i < 300; i++) { // warm-up: JIT and ONNX sessions
                engine.reply(loaded, new ConversationState(), unique(asked.get(random.nextInt(asked.size())), -i),
                        Map.of());
            }
            Latencies latencies = new Latencies(0, Long.MAX_VALUE);
            int answered = 0;
            int correct = 0;
            for (int i = 0; i < questions; i++) {
                Question q = asked.get(random.nextInt(asked.size()));
                String text = unique(q, i);
                long start = System.nanoTime();
                BotReply reply = engine.reply(loaded, new ConversationState(), text, Map.of());
                latencies.record(start, System.nanoTime());
                if (reply instanceof BotReply.Answer a) {
                    answered++;
                    if (a.articles().getFirst().equals(q.expectedArticle())) {
                        correct++;
                    }
                }
            }
            Latencies.Summary s = latencies.summary();
            System.out.printf("BotAnswerBench: %d articles (index built in %.1f s), %d questions on one thread,"
                    + " no model%n", bot.articles().size(), loadSec, questions);
            System.out.printf("Index through PostgreSQL (bot_embedding, database parley_test): first load %.1f s"
                    + " (computes and stores), a restart %.1f s (reads)%n", storedSec[0], storedSec[1]);
            System.out.printf("| articles | questions | p50 ms | p95 ms | p99 ms | max ms | answered | top-1 of answered |%n");
            System.out.printf("|---|---|---|---|---|---|---|---|%n");
            System.out.printf("| %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f%% | %.1f%% |%n", bot.articles().size(),
                    questions, s.p50(), s.p95(), s.p99(), s.max(), 100.0 * answered / questions,
                    answered == 0 ? 0 : 100.0 * correct / answered);
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Builds the index twice through the service's store-backed embedder on PostgreSQL, each time as a fresh
     * process would (new model instance, empty memory): the first computes and stores every vector (the models
     * are fresh, so nothing comes from a cache), the second reads them back. Returns both times in seconds.
     */
    static double[] storedIndexBuilds(Bot bot) throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        io.vertx.sqlclient.Pool core = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost("127.0.0.1")
                .setPort(5432).setDatabase("parley_test").setUser("parley").setPassword("parley")).using(vertx).build();
        try {
            io.vertx.mutiny.sqlclient.Pool pool = io.vertx.mutiny.sqlclient.Pool.newInstance(core);
            // Another model id than the service's, and cleared first: the first build really computes everything.
            pool.query("DELETE FROM bot_embedding WHERE model LIKE 'bench-%'").executeAndAwait();
            EmbeddingRepository repository = new EmbeddingRepository(pool);
            double[] seconds = new double[2];
            for (int run = 0; run < 2; run++) {
                OnnxEmbedder model = new OnnxEmbedder();
                model.warmUp();
                StoredEmbedder embedder = new StoredEmbedder(model, repository, l -> "bench-" + OnnxEmbedder.modelId(l));
                long start = System.nanoTime();
                new KnowledgeIndex(embedder, bot.articles().values());
                seconds[run] = (System.nanoTime() - start) / 1e9;
            }
            return seconds;
        } finally {
            core.close();
            vertx.close();
        }
    }

    /**
     * The question with an order number, as visitors write them: every text is new, so nothing comes from the
     * embedder's cache and each sample pays for its embeddings.
     */
    static String unique(Question q, int n) {
        boolean zh = q.text().codePoints().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff);
        long order = 80_000_000L + Math.abs((long) n) * 7919;
        return zh ? q.text() + "，订单号 " + order : q.text() + " (order " + order + ")";
    }

    /** Copies the example bot (without its evals) and adds generated articles; returns questions with answers. */
    static List<Question> writeBot(Path example, Path dir, int total) throws Exception {
        Files.createDirectories(dir.resolve("knowledge"));
        Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(dir.resolve("bot.yaml"), Files.readString(example.resolve("bot.yaml"))
                .replace("tenant: acme", "tenant: bench"));
        try (Stream<Path> prompts = Files.list(example.resolve("prompts"))) {
            for (Path p : prompts.toList()) {
                Files.copy(p, dir.resolve("prompts").resolve(p.getFileName()));
            }
        }
        List<Question> questions = new ArrayList<>();
        int copied = 0;
        try (Stream<Path> knowledge = Files.list(example.resolve("knowledge"))) {
            for (Path p : knowledge.sorted().toList()) {
                Files.copy(p, dir.resolve("knowledge").resolve(p.getFileName()));
                copied++;
            }
        }
        int generated = total - copied;
        for (int i = 0; i < generated; i++) {
            boolean zh = i % 2 == 0;
            int n = i / 2;
            String[] products = zh ? ZH_PRODUCTS : EN_PRODUCTS;
            String[] aspects = zh ? ZH_ASPECTS : EN_ASPECTS;
            String product = products[n % products.length];
            String aspect = aspects[(n / products.length) % aspects.length];
            String model = "P" + (100 + n / (products.length * aspects.length));
            String id = (zh ? "zh" : "en") + "-gen-" + i;
            String title = zh ? model + " " + product + aspect : model + " " + product + " - " + aspect;
            String question = zh ? model + "的" + product + aspect + "？" : "My " + model + " " + product + ", " + aspect
                    + "?";
            String body = zh
                    ? "- 本文适用于 " + model + " 型号的" + product + "\n- 关于" + aspect + "，请先查看说明书第 " + (n % 9 + 1)
                            + " 章\n- 仍无法解决请联系售后并提供订单号\n"
                    : "- This applies to the " + model + " " + product + "\n- For " + aspect + ", see chapter "
                            + (n % 9 + 1) + " of the manual first\n- If that does not help, contact support with your order number\n";
            Files.writeString(dir.resolve("knowledge").resolve(id + ".md"), "---\ntitle: " + title + "\ntags: [product]\n"
                    + "language: " + (zh ? "zh" : "en") + "\nquestions:\n  - " + question.replace(":", "") + "\n---\n" + body);
            // Asked in other words than the article's own question.
            questions.add(new Question(zh ? product + "（" + model + "）" + aspect : aspect + " for the " + product + " "
                    + model, id));
        }
        questions.add(new Question("怎么申请退款", "zh-refund"));
        questions.add(new Question("How do I get a refund?", "en-refund"));
        return questions;
    }
}
