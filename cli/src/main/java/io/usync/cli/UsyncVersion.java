package io.usync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Supplies {@code usync --version} from the build's filtered {@code usync-version.properties}. */
public final class UsyncVersion implements IVersionProvider {

    /** Returns the version line, with the Java runtime it runs on. */
    @Override
    public String[] getVersion() {
        return new String[] {
            "usync " + version(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"
        };
    }

    /** The project version the build wrote, or "unknown" when run from an unfiltered tree. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = UsyncVersion.class.getResourceAsStream("/usync-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }
}
