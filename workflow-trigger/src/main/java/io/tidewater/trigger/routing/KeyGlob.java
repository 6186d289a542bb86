package io.tidewater.trigger.routing;

import java.util.regex.Pattern;

/** S3 key globs: {@code **} spans path segments, {@code *} stays within one, {@code ?} is one character. */
final class KeyGlob {

    private KeyGlob() {}

    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        int index = 0;
        while (index < glob.length()) {
            char character = glob.charAt(index);
            if (glob.startsWith("**/", index)) {
                // "**/" also matches no directory at all, as in Ant and gitignore.
                regex.append("(?:.*/)?");
                index += 3;
            } else if (glob.startsWith("**", index)) {
                regex.append(".*");
                index += 2;
            } else if (character == '*') {
                regex.append("[^/]*");
                index++;
            } else if (character == '?') {
                regex.append("[^/]");
                index++;
            } else {
                regex.append(Pattern.quote(String.valueOf(character)));
                index++;
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
