// The C# binding tested from C#: ProfShim.cs over this build's libprofshim.so (Mono on
// Linux; the same program runs on .NET on Windows against profshim.dll), compiled with the
// source file (bindings.csharp) or against the NuGet package's assembly (bindings.csharp.nuget).
// Argument: include/profshim.h, whose constants the binding's are compared with.
// Prints one line per failure and then "N passed, N failed"; exits 1 when anything failed.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization.Formatters.Binary;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using ProfShim;

internal static class ProfShimTest
{
    private static int passed, failed;

    private static void Expect(bool ok, string what)
    {
        if (ok) { Interlocked.Increment(ref passed); return; }
        Interlocked.Increment(ref failed);
        Console.WriteLine("FAILED: " + what);
    }

    private static void Equal<T>(T expected, T actual, string what)
    {
        Expect(EqualityComparer<T>.Default.Equals(expected, actual),
               what + ": expected <" + expected + ">, got <" + actual + ">");
    }

    // What a .NET caller cannot act on: the library's C names, its buffers, the header.
    private static readonly Regex CWords = new Regex(@"psh_|PSH_|header|\bcap\b|out_len|sizeof|NULL|vbLf");

    // The call throws ProfShimException with `status`; its Message is in C#'s words, names
    // the status, says each of `says`, and never advises `failed`, the call that just failed.
    private static void Throws(Status status, Action action, string what, string failed = null, params string[] says)
    {
        try {
            action();
            Expect(false, what + ": no exception, expected " + status);
        } catch (ProfShimException e) {
            Equal(status, e.Status, what + ": Status");
            Equal((int)status, e.HResult, what + ": HResult");
            Expect(e.Message.StartsWith(status + " (0x" + ((int)status).ToString("X8") + "): "), what + ": Message names the status: " + e.Message);
            Expect(!CWords.IsMatch(e.Message) && !e.Message.Contains("\n"), what + ": Message in C#'s words: " + e.Message);
            if (failed != null)
                Expect(!e.Message.Contains(failed), what + ": Message does not advise " + failed + ": " + e.Message);
            foreach (string words in says)
                Expect(e.Message.Contains(words), what + ": Message says '" + words + "': " + e.Message);
        } catch (Exception e) {
            Expect(false, what + ": " + e.GetType().Name + ": " + e.Message);
        }
    }

    private static void ExpectErrorOffset(Action action, Status status, int offset, string what)
    {
        try {
            action();
            Expect(false, what + ": no exception");
        } catch (ProfShimException e) {
            Equal(status, e.Status, what + ": Status");
            Equal(offset, e.ErrorOffset, what + ": ErrorOffset");
            Expect(!e.Message.Contains("CheckReport.ErrorOffset"), what + ": names no report's offset: " + e.Message);
            if (status == Status.BadChar || status == Status.BadDn)
                Expect(e.Message.Contains("ProfShimException.ErrorOffset"), what + ": names its own ErrorOffset: " + e.Message);
        }
    }

    // The hash of a profile name's key (contract 11.5: its UTF-8 bytes, A-Z lowered by the caller).
    private static string Fnv1a64(string key)
    {
        ulong h = 0xcbf29ce484222325UL;
        foreach (byte b in Encoding.UTF8.GetBytes(key)) { h ^= b; h = unchecked(h * 0x100000001b3UL); }
        return h.ToString("x16");
    }

    private const string DnInfo = "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe";
    private const string AnonInfo = "/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH01\n\nANON";
    private const string Emoji = "\U0001F600"; // two UTF-16 units
    // Issue 18's three names: a German one, a Chinese one (张伟), and U+20BB7 (𠮷), a
    // supplementary-plane character: one character, two UTF-16 units.
    private const string German = "J\u00fcrgen M\u00fcller";
    private const string Cjk = "\u5f20\u4f1f";
    private const string Supp = "\U00020BB7";

    private static int Main(string[] args)
    {
        if (args.Length != 1) {
            Console.WriteLine("usage: ProfShimTest.exe include/profshim.h");
            return 2;
        }
        try { Header(args[0]); Idioms(); Run(); Unicode(); Exact(); Reports(); Texts(); }
        catch (Exception e) { Expect(false, "unexpected " + e); }
        Console.WriteLine(passed + " passed, " + failed + " failed");
        return failed == 0 && passed > 0 ? 0 : 1;
    }

    // ---- the header's constants, read from include/profshim.h ---------------------------

    // {name: value} of "#define <prefix>... <number>", casts and the u suffix dropped.
    private static Dictionary<string, int> Defines(string header, string prefix)
    {
        var found = new Dictionary<string, int>();
        var re = new Regex(@"^#define (" + prefix + @"\w*)\s+\(*(?:\(u?int32_t\))?(0x[0-9A-Fa-f]+|\d+)u?\)*",
                           RegexOptions.Multiline);
        foreach (Match m in re.Matches(header)) {
            string v = m.Groups[2].Value;
            long n = v.StartsWith("0x") ? Convert.ToInt64(v.Substring(2), 16) : long.Parse(v);
            found[m.Groups[1].Value] = unchecked((int)(uint)n);
        }
        return found;
    }

    // PSH_E_UNSAFE_CHAR and Status.UnsafeChar: the same letters once '_' and case are gone.
    private static string Key(string name) { return name.Replace("_", "").ToUpperInvariant(); }

    private static void SameSet(Dictionary<string, int> header, string prefix, Type type, string what)
    {
        var binding = new Dictionary<string, int>();
        foreach (object v in Enum.GetValues(type))
            binding[Key(prefix + v)] = unchecked((int)Convert.ToInt64(v));
        var want = header.ToDictionary(p => Key(p.Key), p => p.Value);
        Expect(want.Count > 0, what + ": the header has some");
        foreach (var p in want) {
            int got;
            Expect(binding.TryGetValue(p.Key, out got) && got == p.Value,
                   what + ": " + p.Key + " = 0x" + p.Value.ToString("X8") + " in the binding");
        }
        foreach (var p in binding)
            Expect(want.ContainsKey(p.Key), what + ": " + p.Key + " is in the header");
    }

    private static void Header(string path)
    {
        string header = File.ReadAllText(path);
        var statuses = Defines(header, "PSH_(?:OK|E_)");
        // PSH_OK -> OK and PSH_E_BAD_CHAR -> BADCHAR, as Status.Ok and Status.BadChar are.
        SameSet(statuses.ToDictionary(p => p.Key.Replace("PSH_E_", "").Replace("PSH_", ""), p => p.Value),
                "", typeof(Status), "Status");
        SameSet(Defines(header, "PSH_FORM_"), "PSH_FORM_", typeof(Form), "Form");
        var flags = Defines(header, "PSH_REWRITE_");
        flags["PSH_REWRITE_NONE"] = 0;
        SameSet(flags, "PSH_REWRITE_", typeof(RewriteFlags), "RewriteFlags");
        var v = Defines(header, "PSH_VERSION_");
        Equal(v["PSH_VERSION_MAJOR"] * 10000 + v["PSH_VERSION_MINOR"] * 100 + v["PSH_VERSION_PATCH"],
              ProfileInfo.VersionNumber, "VersionNumber is the header's");
        Equal(Defines(header, "PSH_MAX_INPUT")["PSH_MAX_INPUT"], ProfileInfo.MaxInput, "MaxInput");
        Equal(Defines(header, "PSH_PROFILE_NAME_MAX")["PSH_PROFILE_NAME_MAX"], ProfileInfo.ProfileNameMax, "ProfileNameMax");
    }

    // ---- the .NET idioms the binding keeps ------------------------------------------------

    private static void Idioms()
    {
        // An immutable report: a readonly struct, no property with a setter.
        Type report = typeof(CheckReport);
        Expect(report.IsValueType, "CheckReport is a struct");
        Expect(report.GetCustomAttributes(false).Any(a => a.GetType().Name == "IsReadOnlyAttribute"),
               "CheckReport is a readonly struct");
        Expect(report.GetProperties().All(p => !p.CanWrite), "CheckReport has no setter");

        // No type carries the C prefix.
        foreach (Type t in typeof(ProfileInfo).Assembly.GetExportedTypes())
            Expect(!t.Name.StartsWith("Psh"), t.Name + " has no Psh prefix");

        // The standard exception constructors, and a round trip through serialization.
        Expect(new ProfShimException().Status == Status.Unexpected, "ProfShimException()");
        Equal("m", new ProfShimException("m").Message, "ProfShimException(message)");
        var inner = new InvalidOperationException("inner");
        Expect(new ProfShimException("m", inner).InnerException == inner, "ProfShimException(message, inner)");
        var e = new ProfShimException(Status.UnsafeChar);
        // Describe's text, said of the exception: it names no report its catcher lacks.
        Equal(ProfileInfo.Describe(Status.UnsafeChar).Replace("CheckReport.Rewritable", "ProfileInfo.Check(info).Rewritable"),
              e.Message, "ProfShimException(status).Message");
        Expect(!new ProfShimException(Status.BadDn).Message.Contains("CheckReport"), "ProfShimException(BadDn) names no CheckReport");
        Expect(typeof(ProfShimException).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, null,
               new[] { typeof(System.Runtime.Serialization.SerializationInfo), typeof(System.Runtime.Serialization.StreamingContext) },
               null) != null, "ProfShimException has the serialization constructor");
        var stream = new MemoryStream();
        new BinaryFormatter().Serialize(stream, e);
        stream.Position = 0;
        var back = (ProfShimException)new BinaryFormatter().Deserialize(stream);
        Equal(Status.UnsafeChar, back.Status, "ProfShimException serialized: Status");
        Equal(e.Message, back.Message, "ProfShimException serialized: Message");

        try { ProfileInfo.Check(null); Expect(false, "Check(null) throws"); }
        catch (ArgumentNullException x) { Equal("info", x.ParamName, "Check(null): ParamName"); }
    }

    // ---- RewriteFlags.Exact (PSH_REWRITE_EXACT, library 1.1) ------------------------------

    private const string ModernDn = "EX\n/o=fab/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)" +
                                    "/cn=Recipients/cn=7e4a1f0c2b9d4e6a8c3f5b1d0e9a2c4f-test";

    private static void Exact()
    {
        Equal("EXCH01\n=jdoe", Try(() => ProfileInfo.Rewrite(DnInfo, RewriteFlags.Exact)), "Exact: =name");
        Expect(ProfileInfo.Check("EXCH01\n=jdoe").Ok, "Exact: its result passes Check");
        Equal("EXCH01\n=jdoe", Try(() => ProfileInfo.Rewrite("EXCH01\r\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe\r\n",
              RewriteFlags.Exact)), "Exact: CRLF cleaned");
        Equal("EXCH01\njdoe", Try(() => ProfileInfo.Rewrite("EXCH01\njdoe", RewriteFlags.Exact)), "Exact: an alias stays");
        Equal(ProfileInfo.Rewrite(AnonInfo), Try(() => ProfileInfo.Rewrite(AnonInfo, RewriteFlags.Exact)), "Exact: anonymous as without");
        Throws(Status.UnsafeChar, () => ProfileInfo.Rewrite(DnInfo, RewriteFlags.KeepDn | RewriteFlags.Exact), "Exact with KeepDn");
        string dn64 = "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=" + new string('j', 64);
        Equal("EXCH01\n" + new string('j', 64), ProfileInfo.Rewrite(dn64), "64-unit name, not exact");
        Throws(Status.BadMailbox, () => ProfileInfo.Rewrite(dn64, RewriteFlags.Exact), "Exact: =64 units");
        var modern = ProfileInfo.Check(ModernDn);
        Equal(Status.UnsafeChar, modern.Status, "Exchange 2007+ DN: status");
        Expect(!modern.Rewritable, "Exchange 2007+ DN: not rewritable");
        Throws(Status.UnsafeChar, () => ProfileInfo.Rewrite(ModernDn), "Exchange 2007+ DN: not rewritten",
               "Rewrite(info)", "Exchange 2007 or later", "not the alias", "directory (its mailNickname)",
               "ProfileInfo.ProfileName(info)");
        Throws(Status.UnsafeChar, () => ProfileInfo.Rewrite(ModernDn.ToUpperInvariant(), RewriteFlags.Exact),
               "Exchange 2007+ DN: not rewritten, Exact, any case", "Rewrite(info)", "Exchange 2007 or later");
    }

    // ---- CheckReport: no trap in a default one; the two parts, as COM and Python give --------

    private static void Reports()
    {
        var none = default(CheckReport);
        Expect(!none.Ok && !none.IsChecked, "default(CheckReport) is not Ok");
        Equal(Status.Unexpected, none.Status, "default(CheckReport).Status");
        Equal("not checked", none.ToString(), "default(CheckReport).ToString()");
        Equal(null, none.Server, "default(CheckReport).Server");
        // An empty report reads as one: no offset 0 to point at, no call to report as failed.
        Equal(-1, none.ErrorOffset, "default(CheckReport).ErrorOffset, as an OK report's");
        Equal(-1, none.ServerOffset, "default(CheckReport).ServerOffset");
        Equal(-1, none.MailboxOffset, "default(CheckReport).MailboxOffset");
        Expect(none.Text.StartsWith("not checked: ") && none.Text.Contains("empty")
               && none.Text.Contains("ProfileInfo.Check(info)"),
               "default(CheckReport).Text says it is empty: " + none.Text);
        Expect(!none.Text.Contains("internal failure") && !none.Text.Contains("report the input"),
               "default(CheckReport).Text is no internal failure: " + none.Text);
        Expect(!CWords.IsMatch(none.Text) && !none.Text.Contains("\n"),
               "default(CheckReport).Text in C#'s words, one line: " + none.Text);
        Expect(!ProfileInfo.Describe(Status.Unexpected).Contains("default(CheckReport)"),
               "Unexpected's own text is about a failure only");

        var ok = ProfileInfo.Check("EXCH01\njdoe");
        Equal("Ok", ok.ToString(), "an OK report prints Ok");
        Equal("EXCH01", ok.Server, "Server");
        Equal("jdoe", ok.Mailbox, "Mailbox");
        var kb = ProfileInfo.Check(DnInfo);
        Equal("UnsafeChar at 7", kb.ToString(), "a failed report prints where");
        Equal("/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe", kb.Mailbox, "Mailbox of a DN");
        var noLf = ProfileInfo.Check("EXCH01");
        Equal("NoSeparator", noLf.ToString(), "no single character at fault: no offset");
        Expect(noLf.Server == null && noLf.Mailbox == null, "parts before the separators are parsed: null");
        Equal("", ProfileInfo.Check("EXCH01\n").Mailbox, "an empty mailbox is empty");
        // The constructor of 1.1 still works; without the string it has no parts.
        var made = new CheckReport(Status.Ok, Form.Alias, 0, 6, 7, 4, -1, true);
        Expect(made.Ok && made.IsChecked && made.Server == null, "CheckReport(8 values) is Ok, without parts");
    }

    // ---- every status's words --------------------------------------------------------------

    private static void Texts()
    {
        foreach (Status s in Enum.GetValues(typeof(Status))) {
            string text = ProfileInfo.Describe(s);
            Expect(text.StartsWith(s + " (0x" + ((int)s).ToString("X8") + "): ") && !text.Contains("\n"),
                   "Describe(" + s + ") names it: " + text);
            Expect(!CWords.IsMatch(text), "Describe(" + s + ") in C#'s words: " + text);
        }
        string badChar = ProfileInfo.Describe(Status.BadChar);
        Expect(!badChar.Contains("remove it") && badChar.Contains("do not take it out") && badChar.Contains("mailNickname"),
               "BadChar never says to remove a letter of a name: " + badChar);
        // A newcomer's trial: a CRLF's CR is BadChar with Rewritable true; the text says so first.
        var crlf = ProfileInfo.Check("EXCH01\r\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe");
        Expect(crlf.Status == Status.BadChar && crlf.ErrorOffset == 6 && crlf.Rewritable, "CRLF: BadChar at 6, rewritable: " + crlf);
        Expect(crlf.Text.IndexOf("line break's CR") >= 0 && crlf.Text.IndexOf("line break's CR") < crlf.Text.IndexOf("do not take it out"),
               "BadChar says the line break first: " + crlf.Text);
        // A newcomer's final trial: the text said "a tab at a line's end"; Rewrite takes a tab off either end.
        foreach (string tab in new[] { "\tEXCH01\njdoe", "EXCH01\n\tjdoe" })
        {
            var r = ProfileInfo.Check(tab);
            Expect(r.Status == Status.BadChar && r.Rewritable && r.Text.Contains("a tab at a line's start or end") &&
                   r.Text.Contains("both ends of every line") && ProfileInfo.Rewrite(tab) == "EXCH01\njdoe",
                   "BadChar: a tab at a line's start is rewritten away, and the text says so: " + r.Text);
        }
        Expect(!ProfileInfo.Describe(Status.NoSeparator).Contains("empty"), "NoSeparator: an empty part has its own status");
        var umlaut = ProfileInfo.Check("EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=J\u00fcrgen");
        Expect(umlaut.Status == Status.BadDn && umlaut.Text.Contains("a DN holds only ASCII characters"), "BadDn says ASCII: " + umlaut.Text);
        Equal("unknown status 0x12345678", ProfileInfo.Describe(0x12345678), "Describe unknown");
        Equal("unknown status 0xFFFFFFFF", ProfileInfo.Describe(-1), "Describe -1");

        // A DN of Exchange 2007 or later and one whose last RDN holds ':' get the same answer
        // from the library; the words tell them apart.
        var modern = ProfileInfo.Check(ModernDn);
        var colon = ProfileInfo.Check("EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=j:doe");
        Expect(modern.Status == colon.Status && modern.Rewritable == colon.Rewritable, "same answer from the library");
        Expect(modern.Text.Contains("Exchange 2007 or later") && !colon.Text.Contains("Exchange 2007"), "Text tells them apart");
        Expect(colon.Text.Contains("ProfileInfo.Rewrite(info)"), "Check's text points to Rewrite where Rewritable");

        Throws(Status.UnsafeChar, () => ProfileInfo.Rewrite(DnInfo, RewriteFlags.KeepDn), "Rewrite KeepDn",
               "Rewrite(info)", "RewriteFlags.KeepDn", "leave KeepDn out");
        Throws(Status.UnsafeChar, () => ProfileInfo.Rewrite("EXCH01\nj?doe", RewriteFlags.KeepDn), "Rewrite KeepDn of an alias",
               "Rewrite(info)", "another mailbox");
        Throws(Status.UnsafeChar, () => ProfileInfo.Rewrite("EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=j:doe"), "Rewrite j:doe DN",
               "Rewrite(info)", "another mailbox", "ProfileInfo.ProfileName(info)");
        Throws(Status.ReservedName, () => ProfileInfo.Rewrite("EXCH01\nCON"), "Rewrite CON", "Rewrite(info)", "ProfileName(info)");
        Throws(Status.BadChar, () => ProfileInfo.Rewrite("EXCH01\nj\tdoe"), "Rewrite TAB", "Rewrite(info)", "do not take it out", "TAB");
        Throws(Status.BadDn, () => ProfileInfo.Rewrite("EXCH01\n/o=Contoso/ou=NYC/cn="), "Rewrite bad DN", "Rewrite(info)", "legacyExchangeDN");
        Throws(Status.UnknownFlags, () => ProfileInfo.Rewrite("EXCH01\njdoe", (RewriteFlags)0x4), "Rewrite flag 4",
               "Rewrite(info)", "RewriteFlags.Exact");
        Throws(Status.TooLong, () => ProfileInfo.Rewrite(new string('x', 4097)), "Rewrite too long", "Rewrite(info)", "4096");
        Throws(Status.NoSeparator, () => ProfileInfo.ProfileName("EXCH01"), "ProfileName no LF", "ProfileName(info)", "server + \"\\n\" + mailbox");
        Throws(Status.BadChar, () => ProfileInfo.ProfileName("EXCH01\nj\tdoe"), "ProfileName TAB", "ProfileName(info)");
        // A newcomer's final trial: a failed Rewrite or ProfileName on BadChar was told the
        // general text, naming those very calls as the remedy; it has a text of its own.
        foreach (string left in new[] { "EXCH01\njd\u0007oe", "EXCH01\nj\tdoe\r\n" })
        {
            foreach (string remedy in new[] { "Rewrite", "ProfileName", "Rewritable" })
            {
                Throws(Status.BadChar, () => ProfileInfo.Rewrite(left), "Rewrite left BadChar", remedy,
                       "no rewrite takes it out", "do not take it out by hand", "part of the name", "Fix the source", "mailNickname");
                Throws(Status.BadChar, () => ProfileInfo.ProfileName(left), "ProfileName left BadChar", remedy,
                       "no rewrite takes it out", "do not take it out by hand");
            }
        }
        // A newcomer's final trial: spaces at a line's ends are BadMailbox or BadServer with
        // Rewritable true, and the text said only to fix the source; a check's says Rewrite trims them.
        foreach (string spaced in new[] { "EXCH01\n jdoe", "EXCH01\njdoe ", "EXCH01 \njdoe" })
        {
            var r = ProfileInfo.Check(spaced);
            Expect((r.Status == Status.BadMailbox || r.Status == Status.BadServer) && r.Rewritable &&
                   ProfileInfo.Rewrite(spaced) == "EXCH01\njdoe", "spaces at a line's ends: rewritable: " + r);
            Expect(r.Text.Contains("Where CheckReport.Rewritable is true, the fault is only spaces") &&
                   r.Text.Contains("ProfileInfo.Rewrite trims") && ProfileInfo.Describe(r.Status).Contains("Rewrite trims"),
                   "a check says Rewrite trims the spaces: " + r.Text);
        }
        Throws(Status.BadMailbox, () => ProfileInfo.Rewrite("EXCH01\n" + new string('m', 65)), "Rewrite long alias", "trims");
        Throws(Status.BadServer, () => ProfileInfo.ProfileName("EXCH 01\njdoe"), "ProfileName bad server", "trims");
        // A newcomer's trial: the exception's text pointed at CheckReport.ErrorOffset, which
        // the caller of Rewrite does not have; the exception carries it and its text names it.
        ExpectErrorOffset(() => ProfileInfo.Rewrite("EXCH01\njd\u0007oe"), Status.BadChar, 9, "Rewrite BEL");
        ExpectErrorOffset(() => ProfileInfo.ProfileName("EXCH01\n/o=Contoso/cn=jdoe"), Status.BadDn, 18, "ProfileName bad DN");
        ExpectErrorOffset(() => ProfileInfo.Rewrite("EXCH01"), Status.NoSeparator, -1, "Rewrite no LF");
        ExpectErrorOffset(() => ProfileInfo.Rewrite("EXCH01\r\nj\tdoe"), Status.BadChar, -1, "Rewrite CRLF and TAB: not the string Check reads");
        Equal(-1, new ProfShimException(Status.BadDn).ErrorOffset, "ProfShimException(Status).ErrorOffset");
    }

    // ---- Unicode (contract section 11): offsets are UTF-16 units, string indexes ----------

    private static void Unicode()
    {
        // Each name is an alias; its profile name is worked by hand from contract 11.5: every
        // character outside A-Z a-z 0-9 _ is one '_' (a character, not a unit: Supp is one).
        var names = new[] {
            Tuple.Create(German, "exch01_j_rgen_m_ller_"),
            Tuple.Create(Cjk, "exch01____"),
            Tuple.Create(Supp, "exch01___"),
            Tuple.Create(Supp + "\u91ce\u5bb6", "exch01_____"),   // 𠮷野家
        };
        foreach (var n in names) {
            string info = "EXCH01\n" + n.Item1, what = Escape(n.Item1);
            var r = ProfileInfo.Check(info);
            Expect(r.Ok && r.Form == Form.Alias && r.ErrorOffset == -1, "Check(" + what + ") is an alias: " + r);
            Equal(7, r.MailboxOffset, "MailboxOffset of " + what);
            Equal(n.Item1.Length, r.MailboxLength, "MailboxLength of " + what + " (UTF-16 units)");
            Equal(n.Item1, r.Mailbox, "Mailbox of " + what);
            Equal(info, Try(() => ProfileInfo.Rewrite("  EXCH01\r\n" + n.Item1 + " \r\n")), "Rewrite " + what);
            Equal(info, Try(() => ProfileInfo.Rewrite(info, RewriteFlags.Exact)), "Rewrite Exact leaves " + what);
            string key = "exch01\n" + Regex.Replace(n.Item1, "[A-Z]", m => m.Value.ToLowerInvariant());
            Equal(n.Item2 + Fnv1a64(key), Try(() => ProfileInfo.ProfileName(info)), "ProfileName " + what);
        }
        Equal("exch01_j_rgen_m_ller_11b98e8f60d3af74", Try(() => ProfileInfo.ProfileName("EXCH01\n" + German)),
              "ProfileName of the README's name");

        // Faults: the offset is the first unit of the character at fault, a .NET string index.
        var faults = new[] {
            Tuple.Create("M\u00fcller01\njdoe", Status.BadServer, 1),
            Tuple.Create("EXCH" + Supp + "\njdoe", Status.BadServer, 4),             // the high surrogate
            Tuple.Create("EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=j\u00fcrgen", Status.BadDn, 43),
            Tuple.Create("EXCH01\n/o=Contoso/ou=" + Cjk + "/cn=Recipients/cn=jdoe", Status.BadDn, 21),
            Tuple.Create("EXCH01\n" + Supp + "\tx", Status.BadChar, 9),               // after a pair: 2 units
            Tuple.Create("EXCH01\n" + Cjk + "\u0085", Status.BadChar, 9),            // a C1 control
            Tuple.Create("EXCH01\n" + Supp + "a:b", Status.UnsafeChar, 10),
            Tuple.Create("EXCH01\n" + new string('a', 63) + Supp, Status.BadMailbox, 70),  // 65 units
            Tuple.Create("EXCH01\n" + Repeat(Supp, 32) + "a", Status.BadMailbox, 71),
            Tuple.Create("EXCH01\n" + new string('\u5f20', 65), Status.BadMailbox, 71),
            Tuple.Create("EXCH01\n" + German + "?", Status.UnsafeChar, 20),
            Tuple.Create("EXCH01\nCOM\u00b9", Status.ReservedName, 7),
        };
        foreach (var c in faults) {
            var r = ProfileInfo.Check(c.Item1);
            Equal(c.Item2, r.Status, "Check(" + Escape(c.Item1) + ").Status");
            Equal(c.Item3, r.ErrorOffset, "Check(" + Escape(c.Item1) + ").ErrorOffset");
        }
        foreach (var mailbox in new[] { new string('\u5f20', 64), Repeat(Supp, 32), new string('a', 62) + Supp })
            Expect(ProfileInfo.Check("EXCH01\n" + mailbox).Ok, "64 UTF-16 units pass: " + Escape(mailbox));
    }

    private static string Try(Func<string> f)
    {
        try { return f(); }
        catch (ProfShimException e) { return "<" + e.Status + ">"; }
    }

    private static void Run()
    {
        // ---- version, status values ---------------------------------------------------
        Equal(ProfileInfo.VersionNumber, ProfileInfo.Version, "Version is the file's");
        Equal(unchecked((int)0x80040209), (int)Status.UnsafeChar, "UnsafeChar value");

        // ---- Check --------------------------------------------------------------------
        var ok = ProfileInfo.Check("EXCH01\njdoe");
        Expect(ok.Ok, "alias is OK");
        Equal(Form.Alias, ok.Form, "alias form");
        Equal(0, ok.ServerOffset, "server offset");
        Equal(6, ok.ServerLength, "server length");
        Equal(7, ok.MailboxOffset, "mailbox offset");
        Equal(4, ok.MailboxLength, "mailbox length");
        Equal(-1, ok.ErrorOffset, "no error offset");
        Expect(ok.Rewritable, "alias rewritable");

        var kb = ProfileInfo.Check(DnInfo);
        Equal(Status.UnsafeChar, kb.Status, "KB case status");
        Equal(Form.Dn, kb.Form, "KB case form");
        Equal(7, kb.ErrorOffset, "KB case offset");
        Equal('/', DnInfo[kb.ErrorOffset], "offset is a string index");
        Expect(kb.Rewritable, "KB case rewritable");
        Expect(kb.Text.StartsWith("UnsafeChar (0x80040209): ") && kb.Text.Contains("Q271913"), "KB case text");

        var anon = ProfileInfo.Check(AnonInfo);
        Expect(anon.Ok, "anonymous OK");
        Equal(Form.Anonymous, anon.Form, "anonymous form");
        Equal(AnonInfo.Length - 4, anon.MailboxOffset, "anon offset");

        var cases = new[] {
            Tuple.Create("EXCH01", Status.NoSeparator, -1),
            Tuple.Create("", Status.NoSeparator, -1),
            Tuple.Create("EXCH01\r\njdoe", Status.BadChar, 6),
            Tuple.Create("EXCH01\njdoe\n", Status.Syntax, 11),
            Tuple.Create("\njdoe", Status.EmptyServer, 0),
            Tuple.Create("EXCH 01\njdoe", Status.BadServer, 4),
            Tuple.Create("EXCH01\n", Status.EmptyMailbox, 7),
            Tuple.Create("EXCH01\n jdoe", Status.BadMailbox, 7),
            Tuple.Create("EXCH01\n/o=Contoso/cn=jdoe", Status.BadDn, 18),
            Tuple.Create("EXCH01\nj:doe", Status.UnsafeChar, 8),
            Tuple.Create("EXCH01\nnul.txt", Status.ReservedName, 7),
            Tuple.Create("EXCH01\nj\0doe", Status.BadChar, 8),              // NUL: not the end
            Tuple.Create("EXCH01\nab\ud800", Status.BadChar, 9),             // a lone surrogate
            Tuple.Create("EXCH01\n\udfb7\ud842", Status.BadChar, 7),         // a pair reversed
        };
        foreach (var c in cases) {
            var r = ProfileInfo.Check(c.Item1);
            Equal(c.Item2, r.Status, "Check(" + Escape(c.Item1) + ").Status");
            Equal(c.Item3, r.ErrorOffset, "Check(" + Escape(c.Item1) + ").ErrorOffset");
        }

        // Lengths are UTF-16 units: 2048 emoji are 4096 units (judged), 2049 are too long.
        Equal(Status.NoSeparator, ProfileInfo.Check(Repeat(Emoji, 2048)).Status, "4096 units");
        Equal(Status.TooLong, ProfileInfo.Check(Repeat(Emoji, 2049)).Status, "4098 units");
        Equal(Status.NoSeparator, ProfileInfo.Check(new string('a', 4096)).Status, "4096 a");
        Equal(Status.TooLong, ProfileInfo.Check(new string('a', 4097)).Status, "4097 a");

        // ---- Rewrite ------------------------------------------------------------------
        Equal("EXCH01\njdoe", ProfileInfo.Rewrite(DnInfo), "Rewrite KB case");
        Equal("EXCH01\njdoe", ProfileInfo.Rewrite("  EXCH01 \r\n /o=Contoso/ou=NYC/cn=Recipients/cn=jdoe\r\n\r\n"), "Rewrite CRLF");
        Equal(AnonInfo.Substring(0, AnonInfo.Length - 4) + "anon", ProfileInfo.Rewrite(AnonInfo), "Rewrite anon");
        foreach (var s in new[] { "EXCH01\njdoe", "exch01.contoso.com\nJ.Doe", DnInfo, AnonInfo }) {
            string once = ProfileInfo.Rewrite(s);
            Equal(once, ProfileInfo.Rewrite(once), "Rewrite idempotent: " + Escape(s));
            Expect(ProfileInfo.Check(once).Ok, "Rewrite passes Check: " + Escape(s));
        }
        string longInfo = string.Join(".", new[] { new string('a', 60), new string('a', 60), new string('a', 60), new string('a', 60) })
                          + "\n" + new string('b', 64);
        Equal(longInfo, ProfileInfo.Rewrite(longInfo), "Rewrite 308 units");
        Throws(Status.NoSeparator, () => ProfileInfo.Rewrite("EXCH01"), "Rewrite no LF");
        try { ProfileInfo.Rewrite(null); Expect(false, "Rewrite(null) throws"); }
        catch (ArgumentNullException) { Expect(true, "Rewrite(null)"); }

        // ---- ProfileName --------------------------------------------------------------
        Equal("exch01_jdoe_" + Fnv1a64("exch01\njdoe"), ProfileInfo.ProfileName("EXCH01\njdoe"), "ProfileName formula");
        string dnFull = "EXCH01.contoso.com\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe";
        Equal("exch01_jdoe_" + Fnv1a64(dnFull.ToLowerInvariant()), ProfileInfo.ProfileName(dnFull), "ProfileName DN");
        Equal(ProfileInfo.ProfileName("EXCH01\njdoe"), ProfileInfo.ProfileName("  exch01\r\nJDOE \r\n"), "ProfileName case/space");
        Expect(ProfileInfo.ProfileName("EXCH01\njdoe") != ProfileInfo.ProfileName("EXCH01\njdoe2"), "ProfileName differs");
        Expect(ProfileInfo.ProfileName("EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=j:doe").StartsWith("exch01_j_doe_"), "ProfileName sanitised");
        Equal(64, ProfileInfo.ProfileName(new string('s', 63) + "\n" + new string('m', 64)).Length, "ProfileName 64");

        // ---- many calls, many threads -------------------------------------------------
        var threads = new List<Thread>();
        int threadErrors = 0;
        for (int t = 0; t < 8; t++) {
            var th = new Thread(() => {
                for (int i = 0; i < 2000; i++) {
                    if (ProfileInfo.Rewrite(DnInfo) != "EXCH01\njdoe") Interlocked.Increment(ref threadErrors);
                    if (ProfileInfo.Check(DnInfo).ErrorOffset != 7) Interlocked.Increment(ref threadErrors);
                }
            });
            threads.Add(th);
            th.Start();
        }
        foreach (var th in threads) th.Join();
        Equal(0, threadErrors, "16000 calls on 8 threads");
    }

    private static string Repeat(string s, int n)
    {
        var b = new StringBuilder(s.Length * n);
        for (int i = 0; i < n; i++) b.Append(s);
        return b.ToString();
    }

    private static string Escape(string s)
    {
        var b = new StringBuilder();
        foreach (char c in s) {
            if (c >= 0x20 && c < 0x7f) b.Append(c);
            else b.AppendFormat("\\u{0:x4}", (int)c);
        }
        return b.ToString();
    }
}
