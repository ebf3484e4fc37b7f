package dev.herald.feature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An RFC 6570 level-1 template such as {@code herald://tasks/{id}}: matches URIs and names its variables. Immutable. */
public final class UriTemplate {
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private final String template;
    private final Pattern pattern;
    private final List<String> variables = new ArrayList<>();

    public UriTemplate(String template) {
        this.template = template;
        StringBuilder regex = new StringBuilder();
        Matcher m = VARIABLE.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/?#]+)");
            variables.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        this.pattern = Pattern.compile(regex.toString());
    }

    public String template() {
        return template;
    }

    public List<String> variables() {
        return List.copyOf(variables);
    }

    /** The variables' values if {@code uri} matches, else null. */
    public Map<String, String> match(String uri) {
        Matcher m = pattern.matcher(uri);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            values.put(variables.get(i), m.group(i + 1));
        }
        return values;
    }
}
