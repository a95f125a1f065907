package dev.retort.cli.commands;

import dev.retort.script.ProjectTemplates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class ListTemplatesCommand extends BaseCommand {
    public ListTemplatesCommand() {
        super("list-templates", "List the templates init can use.");
    }

    @Override
    public Integer call() {
        if (json()) {
            List<Map<String, Object>> list = ProjectTemplates.TEMPLATES.stream().map(t -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", t.name());
                m.put("description", t.description());
                return m;
            }).toList();
            printJson(Map.of("templates", list));
            return 0;
        }
        out().println("Available templates:");
        out().println();
        for (ProjectTemplates.Template t : ProjectTemplates.TEMPLATES) {
            out().println(t.name() + " - " + t.description());
        }
        out().println();
        out().println("Templates are used via the 'init' command, e.g.:");
        out().println();
        out().println("  retort init --template generic ./migrations");
        return 0;
    }
}
