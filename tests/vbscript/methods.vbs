' Every method and property of ProfShim.ProfileInfo, called from VBScript as a script or an
' ASP page would call it. The build puts prologue.vbs (Expect, Equal, Show, Finish) in front
' of it; run that: cscript //nologo <build>/bindings/vbscript/methods.vbs (the DLL
' registered first). Prints one line per failure, then "N passed, N failed".
'
' Written for Wine 8's VBScript too, which lacks ChrW, AscW, Join and Eval and crashes on
' TypeName(Nothing): none of them is used.

' The contract's codes, as VBScript holds them (Longs).
Const PSH_OK = 0
Const PSH_E_POINTER = &H80004003
Const PSH_E_INVALIDARG = &H80070057
Const PSH_E_UNEXPECTED = &H8000FFFF
Const PSH_E_INSUFFICIENT_BUFFER = &H8007007A
Const PSH_E_TOO_LONG = &H80040105
Const PSH_E_UNKNOWN_FLAGS = &H80040106
Const PSH_E_BAD_CHAR = &H80040201
Const PSH_E_NO_SEPARATOR = &H80040202
Const PSH_E_SYNTAX = &H80040203
Const PSH_E_EMPTY_SERVER = &H80040204
Const PSH_E_BAD_SERVER = &H80040205
Const PSH_E_EMPTY_MAILBOX = &H80040206
Const PSH_E_BAD_MAILBOX = &H80040207
Const PSH_E_BAD_DN = &H80040208
Const PSH_E_UNSAFE_CHAR = &H80040209
Const PSH_E_RESERVED_NAME = &H8004020A
Const PSH_REWRITE_KEEP_DN = 1
Const PSH_REWRITE_EXACT = 2

Dim o, o1, r, info, s, i, n, names, values, dn, anon
Set o = CreateObject("ProfShim.ProfileInfo")
Set o1 = CreateObject("ProfShim.ProfileInfo.1")
Expect IsObject(o), "CreateObject(""ProfShim.ProfileInfo"")"
Expect IsObject(o1), "CreateObject(""ProfShim.ProfileInfo.1"")"

dn = "EXCH01" & vbLf & "/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe"
anon = "/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH01" & vbLf & vbLf & "ANON"

' ---- Version ----------------------------------------------------------------------------
Equal 10200, o.Version, "Version"
Equal 10200, o1.Version, "Version of ProfShim.ProfileInfo.1"
Equal vbLong, VarType(o.Version), "Version is a Long"

' ---- Check ------------------------------------------------------------------------------
Equal PSH_OK, o.Check("EXCH01" & vbLf & "jdoe"), "Check alias"
Equal vbLong, VarType(o.Check("x")), "Check returns a Long"
Equal PSH_E_UNSAFE_CHAR, o.Check(dn), "Check KB Q271913 DN"
Equal PSH_OK, o.Check(anon), "Check anonymous"

' input, status, error offset
Dim cases
cases = Array( _
    Array("EXCH01", PSH_E_NO_SEPARATOR, -1), _
    Array("", PSH_E_NO_SEPARATOR, -1), _
    Array("EXCH01" & vbCrLf & "jdoe", PSH_E_BAD_CHAR, 6), _
    Array("EXCH01" & vbLf & "jdoe" & vbLf, PSH_E_SYNTAX, 11), _
    Array(vbLf & "jdoe", PSH_E_EMPTY_SERVER, 0), _
    Array("EXCH 01" & vbLf & "jdoe", PSH_E_BAD_SERVER, 4), _
    Array("EXCH01" & vbLf, PSH_E_EMPTY_MAILBOX, 7), _
    Array("EXCH01" & vbLf & " jdoe", PSH_E_BAD_MAILBOX, 7), _
    Array("EXCH01" & vbLf & "/o=Contoso/cn=jdoe", PSH_E_BAD_DN, 18), _
    Array("EXCH01" & vbLf & "j:doe", PSH_E_UNSAFE_CHAR, 8), _
    Array("EXCH01" & vbLf & "nul.txt", PSH_E_RESERVED_NAME, 7), _
    Array("EXCH01" & vbLf & "j" & vbNullChar & "doe", PSH_E_BAD_CHAR, 8), _
    Array("EXCH01" & vbLf & "j" & Chr(233) & "r" & Chr(244) & "me", PSH_OK, -1), _
    Array("EXCH01" & vbLf & "j" & vbTab & "doe", PSH_E_BAD_CHAR, 8), _
    Array(String(4096, "a"), PSH_E_NO_SEPARATOR, -1), _
    Array(String(4097, "a"), PSH_E_TOO_LONG, -1) _
)
For Each s In cases
    Equal s(1), o.Check(s(0)), "Check(" & Show(Left(s(0), 40)) & ")"
    Set r = o.CheckReport(s(0))
    Equal s(1), r.Status, "CheckReport(" & Show(Left(s(0), 40)) & ").Status"
    Equal s(2), r.ErrorOffset, "CheckReport(" & Show(Left(s(0), 40)) & ").ErrorOffset"
Next

' ---- CheckReport ------------------------------------------------------------------------
Set r = o.CheckReport("EXCH01" & vbLf & "jdoe")
Equal PSH_OK, r.Status, "report alias Status"
Equal 1, r.Form, "report alias Form (PSH_FORM_ALIAS)"
Equal 0, r.ServerOffset, "report alias ServerOffset"
Equal 6, r.ServerLength, "report alias ServerLength"
Equal 7, r.MailboxOffset, "report alias MailboxOffset"
Equal 4, r.MailboxLength, "report alias MailboxLength"
Equal -1, r.ErrorOffset, "report alias ErrorOffset"
Equal True, r.Rewritable, "report alias Rewritable"
Equal True, r.Ok, "report alias Ok"
Equal "EXCH01", r.Server, "report alias Server"
Equal "jdoe", r.Mailbox, "report alias Mailbox"
Equal o.Describe(PSH_OK), r.Description, "report alias Description"
n = r
Equal PSH_OK, n, "report's default property is Status"

Set r = o.CheckReport(dn)
Equal PSH_E_UNSAFE_CHAR, r.Status, "report DN Status"
Equal 2, r.Form, "report DN Form (PSH_FORM_DN)"
Equal 7, r.ErrorOffset, "report DN ErrorOffset"
Equal "/", Mid(dn, r.ErrorOffset + 1, 1), "report DN ErrorOffset is the /"
Equal True, r.Rewritable, "report DN Rewritable"
Equal False, r.Ok, "report DN Ok"
Equal "/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe", r.Mailbox, "report DN Mailbox"
Expect InStr(r.Description, "Q271913") > 0, "report DN Description names the KB"

Set r = o.CheckReport(anon)
Equal 3, r.Form, "report anonymous Form (PSH_FORM_ANONYMOUS)"
Equal "ANON", r.Mailbox, "report anonymous Mailbox"
Equal Len(anon) - 4, r.MailboxOffset, "report anonymous MailboxOffset"

Set r = o.CheckReport("EXCH01")
Equal 0, r.Form, "report no LF Form"
Equal -1, r.ServerOffset, "report no LF ServerOffset"
Equal -1, r.MailboxOffset, "report no LF MailboxOffset"
Equal "", r.Server, "report no LF Server"
Equal False, r.Rewritable, "report no LF Rewritable"

' ---- Rewrite ----------------------------------------------------------------------------
Equal "EXCH01" & vbLf & "jdoe", o.Rewrite(dn), "Rewrite KB case"
Equal "EXCH01" & vbLf & "jdoe", o.Rewrite("  EXCH01 " & vbCrLf & " /o=Contoso/ou=NYC/cn=Recipients/cn=jdoe" & vbCrLf & vbCrLf), "Rewrite vbCrLf and spaces"
Equal "EXCH01" & vbLf & "jdoe", o.Rewrite(dn, 0), "Rewrite flags 0"
Equal Left(anon, Len(anon) - 4) & "anon", o.Rewrite(anon), "Rewrite anon in lower case"
For Each s In Array("EXCH01" & vbLf & "jdoe", "exch01.contoso.com" & vbLf & "J.Doe", dn, anon)
    info = o.Rewrite(s)
    Equal info, o.Rewrite(info), "Rewrite idempotent: " & Show(s)
    Equal PSH_OK, o.Check(info), "Rewrite passes Check: " & Show(s)
Next
info = String(60, "a") & "." & String(60, "a") & "." & String(60, "a") & "." & String(60, "a") & vbLf & String(64, "b")
Equal info, o.Rewrite(info), "Rewrite a 308-character ProfileInfo"
' Library 1.1 (include/profshim.h section 10): the exact-match form =name (KB Q193643),
' DNs of Exchange 2007 and later left alone, personalized server names GUID@host.
Dim modern, personalized
modern = "EX" & vbLf & "/o=fab/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=7e4a1f0c2b9d4e6a8c3f5b1d0e9a2c4f-test"
personalized = "3f2a9c1d-7b4e-4a8f-9c21-5d6e7f8a9b0c@contoso.com" & vbLf & "admin"
Equal "EXCH01" & vbLf & "=jdoe", o.Rewrite(dn, PSH_REWRITE_EXACT), "Rewrite(KB DN, PSH_REWRITE_EXACT)"
Equal "EXCH01" & vbLf & "=jdoe", o.Rewrite(dn, 2), "Rewrite(KB DN, 2)"
Equal "EXCH01" & vbLf & "=jdoe", o.Rewrite("EXCH01" & vbCrLf & "/o=Contoso/ou=First Administrative Group/cn=Recipients/cn=jdoe" & vbCrLf, 2), "Rewrite(Exchange 2003 DN, 2)"
Equal "EXCH01" & vbLf & "=jdoe", o.Rewrite(o.Rewrite(dn, 2), 2), "Rewrite exact is idempotent"
Equal PSH_OK, o.Check(o.Rewrite(dn, 2)), "Rewrite exact passes Check"
Equal "EXCH01" & vbLf & "jdoe", o.Rewrite("EXCH01" & vbLf & "jdoe", 2), "Rewrite(alias, 2): no DN replaced, no ="
Equal PSH_E_UNSAFE_CHAR, o.Check(modern), "Check Exchange 2013 DN"
Equal False, o.CheckReport(modern).Rewritable, "Exchange 2013 DN is not rewritable"
Equal PSH_OK, o.Check(personalized), "Check personalized server name"
Equal personalized, o.Rewrite(personalized, 2), "Rewrite personalized server name"
n = 0
Equal "EXCH01" & vbLf & "jdoe", o.Rewrite(dn, n), "Rewrite flags in a variable (ByRef)"
Equal "EXCH01" & vbLf & "jdoe", o.Rewrite(dn, "0"), "Rewrite flags as a string"

' ---- ProfileName ------------------------------------------------------------------------
Equal "exch01_jdoe_a22b544ceca7bea0", o.ProfileName("EXCH01" & vbLf & "jdoe"), "ProfileName alias"
Equal "exch01_jdoe_79a53f4ad2d29daa", o.ProfileName(dn), "ProfileName DN"
Equal o.ProfileName("EXCH01" & vbLf & "jdoe"), o.ProfileName("  exch01" & vbCrLf & "JDOE " & vbCrLf), "ProfileName ignores case and whitespace"
Expect o.ProfileName("EXCH01" & vbLf & "jdoe") <> o.ProfileName("EXCH01" & vbLf & "jdoe2"), "ProfileName differs for another mailbox"
Equal "exch01_j_doe_", Left(o.ProfileName("EXCH01" & vbLf & "/o=Contoso/ou=NYC/cn=Recipients/cn=j:doe"), 13), "ProfileName sanitises j:doe"
Equal 64, Len(o.ProfileName(String(63, "s") & vbLf & String(64, "m"))), "ProfileName is at most 64"

' ---- Names outside ASCII (library 1.2, include/profshim.h section 11) ---------------------
' Wine 8's VBScript has no ChrW or AscW (a script that calls one stops without an error), so
' the characters come from Chr() of the ANSI code page, 1252 in the build's Wine prefix:
' Chr(252) is u with umlaut (U+00FC), Chr(185) superscript one (U+00B9). The object gets
' them as a BSTR, UTF-16, whatever the code page; offsets count its units, as Len and Mid
' do. The C++ client (tests/com) carries the Chinese and supplementary-plane names.
Dim juergen
juergen = "J" & Chr(252) & "rgen M" & Chr(252) & "ller"
Equal 13, Len(juergen), "Chr(252) is one character"
info = "EXCH01" & vbLf & juergen
Equal PSH_OK, o.Check(info), "Check Juergen Mueller (umlauts)"
Set r = o.CheckReport(info)
Equal 1, r.Form, "report Juergen Mueller Form (PSH_FORM_ALIAS)"
Equal 7, r.MailboxOffset, "report Juergen Mueller MailboxOffset"
Equal 13, r.MailboxLength, "report Juergen Mueller MailboxLength"
Equal juergen, r.Mailbox, "report Juergen Mueller Mailbox"
Equal -1, r.ErrorOffset, "report Juergen Mueller ErrorOffset"
Equal info, o.Rewrite("  EXCH01" & vbCrLf & juergen & " " & vbCrLf), "Rewrite Juergen Mueller: CRLF and spaces cleaned, the name kept"
Equal info, o.Rewrite(info, PSH_REWRITE_EXACT), "Rewrite(Juergen Mueller, 2): an alias, left alone"
' The README's name (section 11.5: every character outside A-Z a-z 0-9 _ is one "_", the
' hash is of the UTF-8 key): a different hash would mean Chr(252) is not U+00FC here.
Equal "exch01_j_rgen_m_ller_11b98e8f60d3af74", o.ProfileName(info), "ProfileName Juergen Mueller (Chr(252) is U+00FC if this passes)"
Equal o.ProfileName(info), o.ProfileName(" exch01" & vbCrLf & juergen & vbCrLf), "ProfileName Juergen Mueller ignores the server's case and whitespace"
' Where a non-ASCII character may not stand, the fault is at its offset (UTF-16 units).
cases = Array( _
    Array("M" & Chr(252) & "ller01" & vbLf & "jdoe", PSH_E_BAD_SERVER, 1), _
    Array("EXCH01" & vbLf & "/o=Contoso/ou=NYC/cn=Recipients/cn=j" & Chr(252) & "rgen", PSH_E_BAD_DN, 43), _
    Array(info & "?", PSH_E_UNSAFE_CHAR, 20), _
    Array(info & vbTab, PSH_E_BAD_CHAR, 20), _
    Array(info & " ", PSH_E_BAD_MAILBOX, 20), _
    Array("EXCH01" & vbLf & "COM" & Chr(185), PSH_E_RESERVED_NAME, 7), _
    Array("EXCH01" & vbLf & String(64, Chr(252)), PSH_OK, -1), _
    Array("EXCH01" & vbLf & String(65, Chr(252)), PSH_E_BAD_MAILBOX, 71) _
)
For Each s In cases
    Set r = o.CheckReport(s(0))
    Equal s(1), r.Status, "CheckReport(" & Show(Left(s(0), 40)) & ").Status"
    Equal s(2), r.ErrorOffset, "CheckReport(" & Show(Left(s(0), 40)) & ").ErrorOffset"
Next
Equal "?", Mid(info & "?", o.CheckReport(info & "?").ErrorOffset + 1, 1), "ErrorOffset after umlauts is a Mid position - 1"
Equal Chr(252), Mid("M" & Chr(252) & "ller01" & vbLf & "jdoe", o.CheckReport("M" & Chr(252) & "ller01" & vbLf & "jdoe").ErrorOffset + 1, 1), "ErrorOffset points at the umlaut in a server"

' ---- Describe ---------------------------------------------------------------------------
names = Array("PSH_OK", "PSH_E_POINTER", "PSH_E_INVALIDARG", "PSH_E_UNEXPECTED", _
    "PSH_E_INSUFFICIENT_BUFFER", "PSH_E_TOO_LONG", "PSH_E_UNKNOWN_FLAGS", "PSH_E_BAD_CHAR", _
    "PSH_E_NO_SEPARATOR", "PSH_E_SYNTAX", "PSH_E_EMPTY_SERVER", "PSH_E_BAD_SERVER", _
    "PSH_E_EMPTY_MAILBOX", "PSH_E_BAD_MAILBOX", "PSH_E_BAD_DN", "PSH_E_UNSAFE_CHAR", _
    "PSH_E_RESERVED_NAME")
values = Array(PSH_OK, PSH_E_POINTER, PSH_E_INVALIDARG, PSH_E_UNEXPECTED, _
    PSH_E_INSUFFICIENT_BUFFER, PSH_E_TOO_LONG, PSH_E_UNKNOWN_FLAGS, PSH_E_BAD_CHAR, _
    PSH_E_NO_SEPARATOR, PSH_E_SYNTAX, PSH_E_EMPTY_SERVER, PSH_E_BAD_SERVER, _
    PSH_E_EMPTY_MAILBOX, PSH_E_BAD_MAILBOX, PSH_E_BAD_DN, PSH_E_UNSAFE_CHAR, _
    PSH_E_RESERVED_NAME)
For i = 0 To UBound(names)
    Equal names(i) & ": ", Left(o.Describe(values(i)), Len(names(i)) + 2), "Describe(" & names(i) & ")"
Next
Expect InStr(o.Describe(PSH_E_UNSAFE_CHAR), "MAPI_E_NOT_FOUND") > 0, "Describe(PSH_E_UNSAFE_CHAR) names MAPI_E_NOT_FOUND"
Equal "unknown status 0x12345678", o.Describe(&H12345678), "Describe unknown"
Equal "unknown status 0xFFFFFFFF", o.Describe(-1), "Describe -1"
Equal o.Describe(PSH_E_UNSAFE_CHAR), o.Describe(2147746313), "Describe of the unsigned value 2147746313"
' Resolve's own numbers (the README's table) have texts of their own, not "unknown status".
Dim resolveCode
For resolveCode = &H80040301 To &H80040307
    Expect Left(o.Describe(resolveCode), 9) = "Resolve: " And InStr(o.Describe(resolveCode), "(&H" & Hex(resolveCode) & "): ") > 0, "Describe(&H" & Hex(resolveCode) & ") <" & o.Describe(resolveCode) & ">"
Next
Expect InStr(o.Describe(&H80040301), "no entry in the directory has the mailbox") > 0, "Describe(&H80040301) says not found"
Equal "unknown status 0x80040308", o.Describe(&H80040308), "Describe past Resolve's numbers"
Equal o.Describe(PSH_E_UNSAFE_CHAR), o.Describe("-2147220983"), "Describe of a numeric string"

' ---- arguments VBScript may pass ----------------------------------------------------------
Dim v
Equal PSH_E_NO_SEPARATOR, o.Check(12345), "Check(a number) checks its text"
Equal PSH_E_NO_SEPARATOR, o.Check(""), "Check("""") checks the empty string"
info = "EXCH01" & vbLf & "jdoe"
Equal PSH_OK, o.Check(info), "Check(a variable, passed by reference)"
Equal "EXCH01" & vbLf & "jdoe", info, "the variable passed is unchanged"

On Error Resume Next
Err.Clear
n = o.Check(Null)
Equal 13, Err.Number, "Check(Null) is a type mismatch (13); errors.vbs checks its text"
Err.Clear
n = o.Check(v)
Equal 13, Err.Number, "Check(an uninitialised variable) is a type mismatch (13)"
Err.Clear
n = o.Check()
Equal 450, Err.Number, "Check() is the wrong number of arguments (450)"
Err.Clear
n = o.Check("a", "b")
Equal 450, Err.Number, "Check(a, b) is the wrong number of arguments (450)"
Err.Clear
n = o.Rewrite("EXCH01" & vbLf & "jdoe", 0, 0)
Equal 450, Err.Number, "Rewrite with 3 arguments (450)"
Err.Clear
n = o.NoSuchMethod("x")
Equal 438, Err.Number, "an unknown method (438)"
Err.Clear
n = o.Describe("not a number")
Equal 13, Err.Number, "Describe(a word) is a type mismatch (13)"
Err.Clear
' The type library's Invoke reads an argument after a property that takes none as an
' index into the value it returns, which is no object: DISP_E_NOTACOLLECTION, "Object not
' a collection" (451).
n = o.Version(1)
Equal 451, Err.Number, "Version(1) (451)"
Err.Clear
n = r.Status(1)
Expect Err.Number <> 0, "report.Status(1) is refused"
Err.Clear
o.Version = 3
Expect Err.Number <> 0, "Version cannot be assigned"
Err.Clear
n = o.ChEcK("EXCH01" & vbLf & "jdoe")
Equal 0, Err.Number, "names are case-insensitive"
Equal PSH_OK, n, "ChEcK works"
Err.Clear
On Error GoTo 0

Finish
