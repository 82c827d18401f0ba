' Error trapping, the way CDO logon scripts do it: On Error Resume Next, then Err.Number
' and Err.Description. Every failure ProfShim.ProfileInfo raises must arrive with
' Err.Number = the profshim status, Err.Description in a script's words (it names the
' status as Describe does, names Rewrite, ProfileName and CheckReport, never a C function,
' never the call that just failed), Err.Source = "ProfShim.ProfileInfo", leave the
' assigned variable alone, and leave the object working. A Null or Empty argument is
' Err.Number 13 with a text naming the member and the argument.
' The build puts prologue.vbs (Expect, Show, Finish) in front of it; run that:
' cscript //nologo <build>/bindings/vbscript/errors.vbs. Prints one line per failure, then
' "N passed, N failed".

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

' What a script cannot act on: the library's C names, its buffers, the header.
Function CWord(text)
    Dim word
    CWord = ""
    For Each word In Array("psh_", "PSH_REWRITE", "header", "out_len", "sizeof", "NULL", " cap")
        If InStr(1, text, word, vbBinaryCompare) > 0 Then CWord = word
    Next
End Function

' The words of a text: the status named as Describe names it, in a script's words, never
' advising `failed`, saying each of `says` (an Array).
Sub ExpectWords(text, status, failed, says, what)
    Dim prefix, words
    prefix = Left(o.Describe(status), InStr(o.Describe(status), ": ") + 1)
    Expect Left(text, Len(prefix)) = prefix And Len(prefix) > 2, what & ": names the status <" & text & ">"
    Expect CWord(text) = "", what & ": no C word (" & CWord(text) & ") <" & text & ">"
    If failed <> "" Then Expect InStr(text, failed) = 0, what & ": does not advise " & failed & " <" & text & ">"
    For Each words In says
        Expect InStr(text, words) > 0, what & ": says <" & words & "> <" & text & ">"
    Next
End Sub

Dim o, dn
Set o = CreateObject("ProfShim.ProfileInfo")
dn = "EXCH01" & vbLf & "/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe"

' Calls o.Rewrite(info, flags) or o.ProfileName(info) under On Error Resume Next and checks
' what Err says. The error is trapped here, in the procedure that made the call.
Sub ExpectRaise(method, info, flags, status)
    ExpectRaiseSaying method, info, flags, status, Array()
End Sub

Sub ExpectRaiseSaying(method, info, flags, status, says)
    Dim result, what, number, description, source
    what = method & "(" & Show(Left(info, 50)) & ", " & flags & ")"
    result = "untouched"
    On Error Resume Next
    If method = "Rewrite" Then
        result = o.Rewrite(info, flags)
    Else
        result = o.ProfileName(info)
    End If
    number = Err.Number
    description = Err.Description
    source = Err.Source
    On Error GoTo 0
    Expect number = status, what & ": Err.Number " & Hex(number) & ", expected " & Hex(status)
    ExpectWords description, status, method & "(info)", says, what & ": Err.Description"
    Expect source = "ProfShim.ProfileInfo", what & ": Err.Source <" & source & ">"
    Expect result = "untouched", what & ": the assignment did not happen"
End Sub

' Err.Description of o.Rewrite(info, 0).
Function RaisedBy(info)
    Dim result
    On Error Resume Next
    result = o.Rewrite(info, 0)
    RaisedBy = Err.Description
    On Error GoTo 0
End Function

ExpectRaise "Rewrite", "EXCH01", 0, PSH_E_NO_SEPARATOR
ExpectRaise "Rewrite", "EXCH01" & vbLf & "jdoe" & vbLf & "x", 0, PSH_E_SYNTAX
ExpectRaise "Rewrite", ":" & vbLf & "jdoe", 0, PSH_E_BAD_SERVER
ExpectRaise "Rewrite", "EXCH 01" & vbLf & "jdoe", 0, PSH_E_BAD_SERVER
'  (an empty server or mailbox line is dropped by the rewrite, and since library 1.2 the
'  answer names the part that is missing, as Check does: include/profshim.h 11.7)
ExpectRaise "Rewrite", vbLf & "jdoe", 0, PSH_E_EMPTY_SERVER
ExpectRaise "Rewrite", "EXCH01" & vbCrLf, 0, PSH_E_EMPTY_MAILBOX
ExpectRaise "Rewrite", "EXCH01" & vbLf & String(65, "m"), 0, PSH_E_BAD_MAILBOX
ExpectRaise "Rewrite", "EXCH01" & vbLf & "/o=Contoso/cn=jdoe", 0, PSH_E_BAD_DN
ExpectRaiseSaying "Rewrite", dn, PSH_REWRITE_KEEP_DN, PSH_E_UNSAFE_CHAR, Array("flags 1", "leave flag 1 out", "ProfileName(info)")
ExpectRaiseSaying "Rewrite", "EXCH01" & vbLf & "j?doe", PSH_REWRITE_KEEP_DN, PSH_E_UNSAFE_CHAR, Array("another mailbox")
ExpectRaiseSaying "Rewrite", "EXCH01" & vbLf & "/o=Contoso/ou=NYC/cn=Recipients/cn=j:doe", 0, PSH_E_UNSAFE_CHAR, Array("another mailbox", "ProfileName(info)")
ExpectRaiseSaying "Rewrite", "EXCH01" & vbLf & "CON", 0, PSH_E_RESERVED_NAME, Array("device name", "ProfileName(info)")
ExpectRaiseSaying "Rewrite", "EXCH01" & vbLf & "j" & vbTab & "doe", 0, PSH_E_BAD_CHAR, Array("do not take it out", "mailNickname")
' A name outside ASCII is no fault (library 1.2); where it may not stand, the call raises.
ExpectRaise "Rewrite", "EXCH01" & vbLf & "J" & Chr(252) & "rgen" & String(60, "m"), 0, PSH_E_BAD_MAILBOX
ExpectRaise "Rewrite", "M" & Chr(252) & "ller01" & vbLf & "jdoe", 0, PSH_E_BAD_SERVER
ExpectRaise "Rewrite", "EXCH01" & vbLf & "j" & vbNullChar & "doe", 0, PSH_E_BAD_CHAR
ExpectRaise "Rewrite", String(4097, "x"), 0, PSH_E_TOO_LONG
ExpectRaise "Rewrite", dn, 4, PSH_E_UNKNOWN_FLAGS
ExpectRaise "Rewrite", dn, PSH_REWRITE_KEEP_DN Or PSH_REWRITE_EXACT, PSH_E_UNSAFE_CHAR
' A DN of Exchange 2007 or later is not replaced (its last RDN is not the alias): library 1.1.
' Its text says why and points to the directory.
Dim modernSays
modernSays = Array("Exchange 2007 or later", "not the alias", "directory (its mailNickname)", "ProfileName(info)")
ExpectRaiseSaying "Rewrite", "EX" & vbLf & "/o=fab/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=7e4a1f0c2b9d4e6a8c3f5b1d0e9a2c4f-test", PSH_REWRITE_EXACT, PSH_E_UNSAFE_CHAR, modernSays
ExpectRaiseSaying "Rewrite", "EXCH01" & vbLf & "/o=Contoso/ou=exchange administrative group (fydibohf23spdlt)/cn=Recipients/cn=jdoe", 0, PSH_E_UNSAFE_CHAR, modernSays
' The exact form =name must still fit a mailbox line (64 units).
ExpectRaise "Rewrite", "EXCH01" & vbLf & "/o=Contoso/ou=NYC/cn=Recipients/cn=" & String(64, "m"), PSH_REWRITE_EXACT, PSH_E_BAD_MAILBOX
ExpectRaise "Rewrite", dn, &H80000000, PSH_E_UNKNOWN_FLAGS
ExpectRaise "ProfileName", "EXCH01", 0, PSH_E_NO_SEPARATOR
ExpectRaise "ProfileName", "EXCH01" & vbLf & " ", 0, PSH_E_EMPTY_MAILBOX
ExpectRaise "ProfileName", "EXCH01" & vbLf & String(65, "m"), 0, PSH_E_BAD_MAILBOX
ExpectRaise "ProfileName", "EXCH01" & vbLf & "/o=Contoso", 0, PSH_E_BAD_DN
ExpectRaise "ProfileName", "EXCH01" & vbLf & "j" & Chr(233) & vbTab & "x", 0, PSH_E_BAD_CHAR
ExpectRaise "ProfileName", String(5000, "x"), 0, PSH_E_TOO_LONG

' An error not trapped where it happens goes up to the caller's On Error Resume Next.
Sub RewriteWithoutHandler(info)
    Dim x
    x = o.Rewrite(info)
    WScript.Echo "FAILED: the statement after a raising call ran in a procedure without a handler"
End Sub

Dim number
On Error Resume Next
RewriteWithoutHandler "EXCH01"
number = Err.Number
On Error GoTo 0
Expect number = PSH_E_NO_SEPARATOR, "an error raised two calls down reaches the caller: " & Hex(number)

' Err.Clear forgets it; the next good call leaves Err at 0; the object still works.
Dim good
On Error Resume Next
good = o.Rewrite("EXCH01")
Expect Err.Number = PSH_E_NO_SEPARATOR, "raised"
Err.Clear
Expect Err.Number = 0, "Err.Clear"
good = o.Rewrite(dn)
Expect Err.Number = 0, "a good call after a failed one raises nothing"
Expect good = "EXCH01" & vbLf & "jdoe", "a good call after a failed one works"
On Error GoTo 0

' The status can be raised again, as a script passes the error on.
On Error Resume Next
good = o.ProfileName("no separator")
Dim saved, savedText
saved = Err.Number
savedText = Err.Description
Err.Clear
Err.Raise saved, "LogonScript", savedText
Expect Err.Number = PSH_E_NO_SEPARATOR, "Err.Raise of the status"
Expect Err.Description = o.Describe(PSH_E_NO_SEPARATOR), "Err.Raise keeps the text"
On Error GoTo 0

' ---- the words of every status -----------------------------------------------------------
Dim s, statuses
statuses = Array(0, &H80004003, &H80070057, &H8000FFFF, &H8007007A, PSH_E_TOO_LONG, PSH_E_UNKNOWN_FLAGS, _
    PSH_E_BAD_CHAR, PSH_E_NO_SEPARATOR, PSH_E_SYNTAX, &H80040204, PSH_E_BAD_SERVER, &H80040206, _
    PSH_E_BAD_MAILBOX, PSH_E_BAD_DN, PSH_E_UNSAFE_CHAR, PSH_E_RESERVED_NAME)
For Each s In statuses
    Expect Left(o.Describe(s), 4) = "PSH_", "Describe(" & Hex(s) & ") names the status: <" & o.Describe(s) & ">"
    Expect CWord(o.Describe(s)) = "", "Describe(" & Hex(s) & ") in a script's words: <" & o.Describe(s) & ">"
Next
Expect InStr(o.Describe(PSH_E_BAD_CHAR), "remove it") = 0, "BAD_CHAR never says to remove a letter of a name"
' A newcomer's trial: a CRLF's CR is BAD_CHAR with Rewritable True; the text says so first.
Dim crlf
Set crlf = o.CheckReport("EXCH01" & vbCrLf & "/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe")
Expect crlf.Status = PSH_E_BAD_CHAR And crlf.ErrorOffset = 6 And crlf.Rewritable, "CRLF: BAD_CHAR at 6, Rewritable"
Expect InStr(crlf.Description, "line break's vbCr") > 0 And InStr(crlf.Description, "line break's vbCr") < InStr(crlf.Description, "do not take it out"), "BAD_CHAR says the line break first <" & crlf.Description & ">"
' A newcomer's final trial: the text said "a tab at a line's end"; Rewrite takes a tab off either end.
Dim tabbed
For Each tabbed In Array(vbTab & "EXCH01" & vbLf & "jdoe", "EXCH01" & vbLf & vbTab & "jdoe")
    Set crlf = o.CheckReport(tabbed)
    Expect crlf.Status = PSH_E_BAD_CHAR And crlf.Rewritable And o.Rewrite(tabbed) = "EXCH01" & vbLf & "jdoe", "a tab at a line's start is rewritten away"
    Expect InStr(crlf.Description, "a tab at a line's start or end") > 0 And InStr(crlf.Description, "both ends of every line") > 0, "BAD_CHAR says a tab at either end <" & crlf.Description & ">"
Next
' A newcomer's final trial: a failed Rewrite or ProfileName on BAD_CHAR was told the general
' text, which names Rewrite and ProfileName as the remedy; it has a text of its own.
Dim leftChar, leftText, remedy
For Each leftChar In Array("EXCH01" & vbLf & "jd" & Chr(7) & "oe", "EXCH01" & vbLf & "j" & vbTab & "doe" & vbCrLf)
    ExpectRaiseSaying "Rewrite", leftChar, 0, PSH_E_BAD_CHAR, Array("no rewrite takes it out", "do not take it out by hand", "part of the name", "Fix the source", "mailNickname")
    ExpectRaiseSaying "ProfileName", leftChar, 0, PSH_E_BAD_CHAR, Array("no rewrite takes it out", "do not take it out by hand")
    leftText = RaisedBy(leftChar)
    For Each remedy In Array("Rewrite", "ProfileName", "Rewritable")
        Expect InStr(1, leftText, remedy, vbBinaryCompare) = 0, "a failed Rewrite's BAD_CHAR does not name " & remedy & " <" & leftText & ">"
    Next
Next
' A newcomer's final trial: spaces at a line's ends are BAD_MAILBOX or BAD_SERVER with
' Rewritable True, and the text said only to fix the source; a check's says Rewrite trims them.
Dim spaced
For Each spaced In Array("EXCH01" & vbLf & " jdoe", "EXCH01" & vbLf & "jdoe ", "EXCH01 " & vbLf & "jdoe")
    Set crlf = o.CheckReport(spaced)
    Expect crlf.Rewritable And (crlf.Status = PSH_E_BAD_MAILBOX Or crlf.Status = PSH_E_BAD_SERVER) And o.Rewrite(spaced) = "EXCH01" & vbLf & "jdoe", "spaces at a line's ends: rewritable <" & Show(spaced) & ">"
    Expect InStr(crlf.Description, "Where CheckReport(info).Rewritable is True, the fault is only spaces") > 0 And InStr(crlf.Description, "Rewrite trims") > 0, "a check says Rewrite trims the spaces <" & crlf.Description & ">"
    Expect InStr(o.Describe(crlf.Status), "Rewrite trims") > 0, "Describe says Rewrite trims the spaces"
Next
For Each spaced In Array("EXCH01" & vbLf & String(65, "m"), "EXCH 01" & vbLf & "jdoe")
    leftText = RaisedBy(spaced)
    Expect InStr(leftText, "trims") = 0 And InStr(leftText, "Rewritable") = 0, "a failed Rewrite is not told Rewrite trims <" & leftText & ">"
Next
Expect InStr(o.Describe(PSH_E_NO_SEPARATOR), "empty") = 0, "NO_SEPARATOR: an empty part has its own status"
Expect InStr(o.CheckReport("EXCH01" & vbLf & "/o=Contoso/ou=NYC/cn=Recipients/cn=J" & Chr(252) & "rgen").Description, "a DN holds only ASCII characters") > 0, "BAD_DN says a DN is ASCII"
' A DN of Exchange 2007 or later and one whose last RDN holds ':' get the same answer from the
' library; the report's Description tells them apart.
Dim modern, colon
Set modern = o.CheckReport("EX" & vbLf & "/o=fab/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=x")
Set colon = o.CheckReport("EX" & vbLf & "/o=fab/ou=NYC/cn=Recipients/cn=j:doe")
Expect modern.Status = colon.Status And modern.Rewritable = colon.Rewritable, "the library's answer is the same"
ExpectWords modern.Description, PSH_E_UNSAFE_CHAR, "", modernSays, "Description of a 2007+ DN"
ExpectWords colon.Description, PSH_E_UNSAFE_CHAR, "", Array("CheckReport(info).Rewritable", "Rewrite(info)"), "Description of j:doe"
Expect InStr(colon.Description, "Exchange 2007") = 0, "Description of j:doe is not the 2007+ text"
' The object asks the library's DN parser, which reads the DN's own /ou= RDN: the same text
' inside an alias (no DN) is not the 2007+ text, as a scan for it would have said; a DN
' given with CRLF and spaces is read as Rewrite reads it, normalised.
Dim fakeOu
fakeOu = "EXCH01" & vbLf & "jdoe/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/x"
ExpectRaiseSaying "Rewrite", fakeOu, 0, PSH_E_UNSAFE_CHAR, Array("another mailbox", "ProfileName(info)")
Expect InStr(RaisedBy(fakeOu), "Exchange 2007") = 0, "Rewrite of an alias holding the 2007+ /ou= text: not the 2007+ text"
Expect InStr(o.CheckReport(fakeOu).Description, "Exchange 2007") = 0, "Description of an alias holding the 2007+ /ou= text: not the 2007+ text"
ExpectRaiseSaying "Rewrite", " EXCH01 " & vbCrLf & " /o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=jdoe " & vbCrLf, 0, PSH_E_UNSAFE_CHAR, modernSays

' ---- Null and Empty: Err.Number 13, and a text naming the member and the argument ----------
' (a recordset field with no value is Null in ASP; a variable never assigned is Empty)
' Reads the error the statement before it left (under On Error Resume Next), then clears it.
Sub ExpectRefused(member, argument, kind)
    Dim what, start, number, description, source
    number = Err.Number: description = Err.Description: source = Err.Source
    Err.Clear
    what = member & "(" & argument & " = " & kind & ")"
    start = "ProfShim.ProfileInfo." & member & ": " & argument & " is " & kind
    Expect number = 13, what & ": Err.Number " & number & ", expected 13"
    Expect Left(description, Len(start)) = start, what & ": Err.Description <" & description & ">"
    Expect source = "ProfShim.ProfileInfo", what & ": Err.Source <" & source & ">"
End Sub

Dim field, neverAssigned, result
field = Null
On Error Resume Next
result = "untouched"
result = o.Rewrite(field)
ExpectRefused "Rewrite", "info", "Null"
Expect result = "untouched", "Rewrite(Null): the assignment did not happen"
result = o.Rewrite(Null, 2)
ExpectRefused "Rewrite", "info", "Null"
result = o.ProfileName(Null)
ExpectRefused "ProfileName", "info", "Null"
result = o.Check(Null)
ExpectRefused "Check", "info", "Null"
Set result = o.CheckReport(field)
ExpectRefused "CheckReport", "info", "Null"
result = o.Rewrite(neverAssigned)
ExpectRefused "Rewrite", "info", "Empty"
result = o.ProfileName(Empty)
ExpectRefused "ProfileName", "info", "Empty"
result = o.Check(neverAssigned)
ExpectRefused "Check", "info", "Empty"
result = o.Rewrite(dn, field)
ExpectRefused "Rewrite", "flags", "Null"
result = o.Describe(Null)
ExpectRefused "Describe", "status", "Null"
' An Empty status names none (it read as PSH_OK's text): refused as a Null is.
result = o.Describe(neverAssigned)
ExpectRefused "Describe", "status", "Empty"
result = o.Describe(Empty)
ExpectRefused "Describe", "status", "Empty"
' An Empty flags is 0, as VBScript makes it; an empty String is a string, and checked.
result = o.Rewrite(dn, neverAssigned)
Expect Err.Number = 0 And result = "EXCH01" & vbLf & "jdoe", "Rewrite(dn, Empty) is Rewrite(dn, 0): " & Err.Number
Err.Clear
result = o.Check("")
Expect Err.Number = 0 And result = PSH_E_NO_SEPARATOR, "Check("""") is PSH_E_NO_SEPARATOR: " & Err.Number
Err.Clear
On Error GoTo 0

' Check and Describe never raise for a bad ProfileInfo or an unknown status.
On Error Resume Next
Dim st
st = o.Check("EXCH01" & vbLf & "/o=Contoso/cn=x")
Expect Err.Number = 0 And st = PSH_E_BAD_DN, "Check reports, does not raise"
st = o.Describe(12345)
Expect Err.Number = 0 And st = "unknown status 0x00003039", "Describe of an unknown status"
Dim rep
Set rep = o.CheckReport(String(5000, "x"))
Expect Err.Number = 0 And rep.Status = PSH_E_TOO_LONG, "CheckReport reports, does not raise"
On Error GoTo 0

Finish
