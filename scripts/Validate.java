import java.io.FileInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * Validates PDFs against one veraPDF profile (scripts/pdfa-check calls it).
 * Usage: java Validate FLAVOUR FILE.pdf…  Prints one line per file, "FILE: flavour=2b
 * compliant=true failedRules=0", then each failed rule with its count and message.
 * Exit code 0 when every file is compliant, 1 otherwise.
 */
public class Validate {
    public static void main(String[] args) throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        PDFAFlavour flavour = PDFAFlavour.byFlavourId(args[0]);
        int failures = 0;
        for (int i = 1; i < args.length; i++) {
            try (InputStream in = new FileInputStream(args[i]);
                 PDFAParser parser = Foundries.defaultInstance().createParser(in, flavour)) {
                PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false);
                ValidationResult result = validator.validate(parser);
                Map<String, Integer> counts = new TreeMap<>();
                Map<String, String> messages = new TreeMap<>();
                for (TestAssertion assertion : result.getTestAssertions()) {
                    if (assertion.getStatus() == TestAssertion.Status.FAILED) {
                        String rule = assertion.getRuleId().getClause() + "-" + assertion.getRuleId().getTestNumber();
                        counts.merge(rule, 1, Integer::sum);
                        messages.put(rule, assertion.getMessage());
                    }
                }
                System.out.println(args[i] + ": flavour=" + flavour.getId() + " compliant=" + result.isCompliant()
                    + " failedRules=" + counts.size());
                for (String rule : counts.keySet()) {
                    System.out.println("  FAIL " + rule + " x" + counts.get(rule) + ": " + messages.get(rule));
                }
                if (!result.isCompliant()) {
                    failures++;
                }
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
