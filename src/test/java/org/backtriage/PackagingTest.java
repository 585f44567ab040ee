package org.backtriage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token an operator put in {@code config/backtriage.properties} (as README suggests) stays on
 * their machine: the build packs only what the bot reads from {@code config/}, and a Docker build
 * neither sends the file to the daemon nor copies it into the image.
 */
class PackagingTest {
    /** Shaped like a bot token, so a scan for it finds any copy of the planted file. */
    static final String PLANTED_TOKEN = "987654321:AAHplantedTOKENnotForAnyArtifact_x9";
    static final List<String> SECRETS = List.of("config/backtriage.properties", ".env", "data/backtriage.db");

    @TempDir
    Path dir;

    @Test
    void aBuildWithASettingsFileHoldingATokenPacksItIntoNoArtifact() throws Exception {
        Path project = dir.resolve("project");
        copy(Path.of("pom.xml"), project.resolve("pom.xml"));
        copy(Path.of("config"), project.resolve("config"));
        copy(Path.of("src", "main"), project.resolve("src").resolve("main"));
        Files.writeString(project.resolve("config/backtriage.properties"), "TELEGRAM_BOT_TOKEN=" + PLANTED_TOKEN + "\n");

        Path log = dir.resolve("build.log");
        List<String> command = new ArrayList<>(List.of(mvn(), "-o", "-q", "-B", "package", "-DskipTests"));
        Optional.ofNullable(System.getProperty("maven.repo.local")).ifPresent(repo -> command.add("-Dmaven.repo.local=" + repo));
        Process build = new ProcessBuilder(command).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = build.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            build.destroyForcibly();
        }
        assertThat(ended).as("the build ended within 5 minutes").isTrue();
        assertThat(build.exitValue()).as("mvn package in a copy of the project:\n%s", Files.readString(log)).isZero();

        Path jar = project.resolve("target/backtriage.jar");
        assertThat(entries(jar)).as("the jar still carries what the bot reads")
                .contains("config/triage-tree.json", "config/messages_en.properties", "config/messages_es.properties");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(project.resolve("target"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = project.relativize(file).toString();
                if (name.endsWith(".jar")) {
                    found.addAll(tokenInJar(file).stream().map(entry -> name + "!" + entry).toList());
                } else if (file.getFileName().toString().equals("backtriage.properties") || contains(Files.readAllBytes(file))) {
                    found.add(name);
                }
            }
        }
        assertThat(found).as("copies of the settings file or its token under target/").isEmpty();
    }

    @Test
    void aDockerBuildNeitherSendsNorCopiesTheSettingsFile() throws Exception {
        assertThat(Path.of(".dockerignore")).as("a .dockerignore beside the Dockerfile").exists();
        List<String> rules = Files.readAllLines(Path.of(".dockerignore"));
        List<String> context = new ArrayList<>(SECRETS);
        try (Stream<Path> files = Stream.of("pom.xml", "config", "src", "Dockerfile", "README.md").map(Path::of)
                .flatMap(PackagingTest::walk)) {
            files.filter(Files::isRegularFile).map(path -> path.toString().replace(File.separatorChar, '/')).forEach(context::add);
        }

        List<String> sent = context.stream().filter(path -> !DockerIgnore.excludes(rules, path)).toList();
        assertThat(sent).as("the build context").doesNotContainAnyElementsOf(SECRETS)
                .contains("pom.xml", "config/triage-tree.json", "config/messages_en.properties",
                        "src/main/java/org/backtriage/Main.java", "src/main/resources/db/V1__sessions.sql");

        // The Dockerfile's own COPY lines would not take the file either, even without .dockerignore.
        List<String> copied = context.stream().filter(path -> copiedByDockerfile(path)).toList();
        assertThat(copied).as("what the Dockerfile copies from the context").doesNotContainAnyElementsOf(SECRETS)
                .contains("pom.xml", "config/triage-tree.json", "config/messages_es.properties",
                        "src/main/java/org/backtriage/Main.java");
    }

    private static boolean copiedByDockerfile(String path) {
        try {
            for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
                String[] words = line.strip().split("\\s+");
                if (words.length < 3 || !words[0].equals("COPY") || line.contains("--from")) {
                    continue;
                }
                for (int i = 1; i < words.length - 1; i++) {
                    if (DockerIgnore.matches(words[i], path)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            throw new AssertionError("cannot read the Dockerfile", e);
        }
    }

    /** The rules of a {@code .dockerignore} file as Docker applies them: the last matching line wins. */
    static final class DockerIgnore {
        static boolean excludes(List<String> rules, String path) {
            boolean excluded = false;
            for (String line : rules) {
                String rule = line.strip();
                if (rule.isEmpty() || rule.startsWith("#")) {
                    continue;
                }
                boolean exception = rule.startsWith("!");
                if (matches(exception ? rule.substring(1).strip() : rule, path)) {
                    excluded = !exception;
                }
            }
            return excluded;
        }

        /** Whether {@code pattern} matches {@code path} or one of the folders it is in. */
        static boolean matches(String pattern, String path) {
            Pattern glob = Pattern.compile(regex(pattern.replaceFirst("^\\./", "").replaceFirst("^/", "")
                    .replaceFirst("/$", "")));
            for (String prefix = path; !prefix.isEmpty(); prefix = prefix.contains("/")
                    ? prefix.substring(0, prefix.lastIndexOf('/')) : "") {
                if (glob.matcher(prefix).matches()) {
                    return true;
                }
            }
            return false;
        }

        private static String regex(String glob) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                if (glob.startsWith("**/", i)) {
                    regex.append("(.*/)?");
                    i += 2;
                } else if (glob.startsWith("**", i)) {
                    regex.append(".*");
                    i += 1;
                } else if (c == '*') {
                    regex.append("[^/]*");
                } else if (c == '?') {
                    regex.append("[^/]");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return regex.toString();
        }
    }

    /** {@code mvn} from the PATH: this test builds the project as an operator would. */
    private static String mvn() {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(folder, "mvn");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("this test runs mvn to build a copy of the project, but there is no mvn on the PATH");
    }

    private static List<String> entries(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    /** The entries of {@code jar} named like the settings file or holding the planted token. */
    private static List<String> tokenInJar(Path jar) throws IOException {
        List<String> found = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().endsWith("backtriage.properties") || contains(zip.readAllBytes())) {
                    found.add(entry.getName());
                }
            }
        }
        return found;
    }

    private static boolean contains(byte[] content) {
        return new String(content, StandardCharsets.ISO_8859_1).contains(PLANTED_TOKEN);
    }

    private static Stream<Path> walk(Path path) {
        try {
            return Files.exists(path) ? Files.walk(path).toList().stream() : Stream.empty();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + path, e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (source.equals(from)) {
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target);
                } else if (!source.getFileName().toString().equals("backtriage.properties")) {
                    // A settings file the developer has is not copied: the test plants its own.
                    Files.copy(source, target);
                }
            }
        }
    }
}
