' ProfileInfo.Resolve against a real directory: the slapd of tests/directory/slapd_fixture.sh
' (its ldap:// URL is the first argument), anonymous bind, as directory.wine.cli runs
' `profshim resolve`. Each failure is its own Err.Number with its own Err.Description.
Dim o, uri, dn13
Set o = CreateObject("ProfShim.ProfileInfo")
uri = WScript.Arguments(0)
dn13 = "EXCH01" & vbLf & "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=7e4a1f0c2b9d4e6a8c3f5b1d0e9a2c4f-test"

' A DN of Exchange 2013, which Rewrite refuses (its last RDN is not the alias), resolved.
Equal "3f2a9c1d-7b4e-4a8f-9c21-5d6e7f8a9b0c@contoso.com" & vbLf & "test", _
      o.Resolve(dn13, uri, "personalized", False, "anonymous"), "the 2013 DN, personalized"
Equal "EXCH01" & vbLf & "test", o.Resolve(dn13, uri, , , "anonymous"), "the 2013 DN, server kept"
Equal "EXCH01" & vbLf & "=test", o.Resolve(dn13, uri, "keep", True, "anonymous"), "the 2013 DN, exact"
Equal "EXCH2007" & vbLf & "bjones", o.Resolve("EXCH01" & vbLf & _
      "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=bjones", _
      uri, "home", False, "anonymous"), "a 2007 DN, its home server"

' A failing call's Err.Description does not hold `piece`.
Sub RaisesWithout(piece, info, directory, server, bind, what)
    Dim r, d
    On Error Resume Next
    r = o.Resolve(info, directory, server, False, bind)
    d = Err.Description
    On Error GoTo 0
    Expect Len(d) > 0 And InStr(d, piece) = 0, what & ": Err.Description <" & d & "> has no <" & piece & ">"
End Sub

' The call that fails, its Err.Number and a piece of its Err.Description.
Sub Raises(number, piece, info, directory, server, bind, what)
    Dim r, n, d
    On Error Resume Next
    r = o.Resolve(info, directory, server, False, bind)
    n = Err.Number
    d = Err.Description
    On Error GoTo 0
    Equal number, n, what & ": Err.Number"
    Expect InStr(d, piece) > 0, what & ": Err.Description <" & d & "> has <" & piece & ">"
End Sub

Raises &H80040301, "no entry in the directory has this mailbox", "EXCH01" & vbLf & "nobody", uri, "keep", "anonymous", "not_found"
Raises &H80040302, "more than one entry in the directory has this mailbox", "EXCH01" & vbLf & "ghill", uri, "keep", "anonymous", "ambiguous"
Raises &H80040302, "cn=Gail Hill,ou=Users,dc=contoso,dc=com;", "EXCH01" & vbLf & "ghill", uri, "keep", "anonymous", "ambiguous, one entry listed"
Raises &H80040302, "cn=Greg Hill,ou=Users,dc=contoso,dc=com;", "EXCH01" & vbLf & "ghill", uri, "keep", "anonymous", "ambiguous, the other listed"
Raises &H80040303, "the entry has no msExchMailboxGuid", "EXCH01" & vbLf & "hnoguid", uri, "personalized", "anonymous", "incomplete"
Raises &H80040304, "would still fail CDO's logon", "EXCH01" & vbLf & "ops/alerts", uri, "keep", "anonymous", "unsafe"
Raises &H80040305, "info is not server & vbLf & mailbox", "EXCH01", uri, "keep", "anonymous", "invalid"
' info is read before the directory: an info that cannot be looked up is invalid even where no
' directory answers (a newcomer got the directory's error for these).
Raises &H80040305, "info is not server & vbLf & mailbox", "EXCH01jdoe", "ldap://127.0.0.1:1/dc=contoso,dc=com", "keep", "anonymous", "invalid, nothing listening"
Raises &H80040305, "info is not server & vbLf & mailbox", "EXCH01" & vbLf, "", "keep", "anonymous", "invalid (empty mailbox), directory empty"
Raises &H80040306, "Resolve: the directory could not ", "EXCH01" & vbLf & "jdoe", "ldap://127.0.0.1:1/dc=contoso,dc=com", "keep", "anonymous", "no directory there"
' Nothing listens on port 1: a connection failure, whatever the bind (not a failed Negotiate bind).
Raises &H80040306, "could not be read: cannot connect to 127.0.0.1:1: ", "EXCH01" & vbLf & "jdoe", "ldap://127.0.0.1:1/dc=contoso,dc=com", "keep", "negotiate", "nothing listening, Negotiate"
RaisesWithout "Negotiate", "EXCH01" & vbLf & "jdoe", "ldap://127.0.0.1:1/dc=contoso,dc=com", "keep", "negotiate", "nothing listening, Negotiate"
Raises &H80040306, "could not be read: cannot connect to 127.0.0.1:1: ", "EXCH01" & vbLf & "jdoe", "ldap://127.0.0.1:1", "keep", "anonymous", "nothing listening, anonymous, no base"
' The test slapd has no SASL GSS-SPNEGO or GSSAPI: a Negotiate bind (the default) is refused
' before it is tried, saying what the directory offers.
Raises &H80040306, "takes no Negotiate bind as the calling account (SASL GSS-SPNEGO or GSSAPI", "EXCH01" & vbLf & "jdoe", uri, "keep", "negotiate", "Negotiate against slapd"
Raises &H80040306, "it offers SASL ", "EXCH01" & vbLf & "jdoe", uri, "keep", "", "the default bind against slapd"
' directory empty: this computer's own domain, and under Wine there is none.
Raises &H80040306, "no domain could be found", "EXCH01" & vbLf & "jdoe", "", "keep", "anonymous", "directory empty, no domain"
Raises &H80040307, "server is ""guess""", "EXCH01" & vbLf & "jdoe", uri, "guess", "anonymous", "a bad server"
Raises &H80040307, "bind is ""simple""", "EXCH01" & vbLf & "jdoe", uri, "keep", "simple", "a bad bind"
Raises &H80040307, "is not an LDAP URL", "EXCH01" & vbLf & "jdoe", "http://127.0.0.1/", "keep", "anonymous", "a bad directory"
Raises 13, "ProfShim.ProfileInfo.Resolve: info is Null", Null, uri, "keep", "anonymous", "info Null"

Finish
