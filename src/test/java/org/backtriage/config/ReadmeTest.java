package org.backtriage.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backtriage.triage.Rule;
import org.junit.jupiter.api.Test;

/** The README's decision table and commands stay true to the shipped tree and the build. */
class ReadmeTest {
    static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z0-9_]+)` \\|.*\\| \\*\\*([^*]+)\\*\\*", Pattern.MULTILINE);

    @Test
    void decisionTableListsTheShippedRulesInOrderWithTheirEndings() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        List<String> documented = TABLE_ROW.matcher(readme).results()
                .map(m -> m.group(1) + " -> " + m.group(2)).toList();
        List<String> shipped = Content.packaged(List.of()).tree().rules().stream()
                .map(rule -> rule.id() + " -> " + ending(rule)).toList();

        assertThat(documented).containsExactlyElementsOf(shipped);
    }

    private static String ending(Rule rule) {
        return switch (rule.outcomeId()) {
            case "emergency_ambulance" -> "Ambulance";
            case "emergency_care" -> "Emergency care";
            case "help_now" -> "Help now";
            case "maternity_now" -> "Maternity unit now";
            case "maternity_unsure" -> "Maternity unit now, not sure";
            case "urgent_doctor" -> "Doctor today";
            case "urgent_unsure" -> "Doctor today, not sure";
            case "clinician_first" -> "Clinician first";
            case "ql_pattern" -> "QL pattern";
            case "general" -> "General";
            default -> "undocumented outcome " + rule.outcomeId();
        };
    }

    @Test
    void theTreeDiagramInTheReadmeIsCurrent() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher diagram = Pattern.compile("<!-- tree-diagram:start -->\\n```mermaid\\n(.*?)```\\n<!-- tree-diagram:end -->",
                Pattern.DOTALL).matcher(readme);
        Content content = Content.packaged(List.of());

        assertThat(diagram.find()).isTrue();
        assertThat(diagram.group(1)).isEqualTo(org.backtriage.triage.Mermaid.render(content.tree(), content.messages()));
    }

    @Test
    void theConfigurationTableHasARowForEverySettingAndNoOther() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("### Configuration"), readme.indexOf("## The conversation"));
        List<String> documented = Pattern.compile("^\\| `([A-Z_]+)` \\|", Pattern.MULTILINE).matcher(table).results()
                .map(m -> m.group(1)).toList();
        List<String> settings = new java.util.ArrayList<>(Settings.HELP.stream().map(h -> h[0]).toList());
        settings.addAll(List.of("BACKTRIAGE_LOG_LEVEL", "BACKTRIAGE_LOG_FORMAT"));

        assertThat(documented).containsExactlyInAnyOrderElementsOf(settings);
    }

    @Test
    void readmeGivesTheTestCommandThatCiRuns() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String ci = Files.readString(Path.of(".ci/run"));
        Matcher command = Pattern.compile("Run the tests:\\s+```sh\\s+(.+?)\\s+```", Pattern.DOTALL).matcher(readme);

        assertThat(command.find()).isTrue();
        assertThat(ci.lines()).contains(command.group(1));
    }
}
