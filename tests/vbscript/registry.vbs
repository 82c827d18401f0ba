' What regsvr32 left in the registry, read back through WScript.Shell. The build puts
' prologue.vbs (Expect, Finish) in front of this file, in <build>/bindings/vbscript/registry.vbs:
'   cscript //nologo registry.vbs registered <platform>        after regsvr32 profshim.dll
'   cscript //nologo registry.vbs unregistered <platform>      after regsvr32 /u profshim.dll
'   cscript //nologo registry.vbs user-registered <platform>   after regsvr32 /n /i:user profshim.dll
'   cscript //nologo registry.vbs user-unregistered <platform> after regsvr32 /u /n /i:user profshim.dll
'   cscript //nologo registry.vbs both-registered <platform>   after both registrations
' <platform> is win64 or win32, the type library's subkey for the DLL's bitness.
' Registered: every key and value of shim/com/com_register.cpp is there, the type
' library's included, under the machine's classes (HKLM\Software\Classes, which HKCR
' shows), and CreateObject works. User-registered: the same keys under the current user's
' classes (HKCU\Software\Classes) and none under the machine's. Unregistered: none of the
' keys is left under HKCR, HKLM\Software\Classes or HKCU\Software\Classes, and CreateObject
' fails with 429 ("ActiveX component can't create object"). User-unregistered: none is left
' under HKCU\Software\Classes. Both-registered: the keys under both roots.
' (Wine 8 does not show HKCU\Software\Classes through HKCR, as Windows does, so the
' per-user registration is checked by its keys only, not by CreateObject.)
' Prints one line per failure, then "N passed, N failed".

Const CLSID = "{00A130E7-12CA-4EDB-BC25-B0A8FC66B5B4}"
Const LIBID = "{3713F1FA-457C-4971-835D-8EA728E59C8D}"
Const IID_IProfileInfo = "{FC860B51-8363-4DC5-A1EE-542BD731AFC3}"
Const IID_IProfileInfo2 = "{0750A5CB-4786-48A7-B2F7-9923569746FC}"
Const IID_IProfileInfoReport = "{5E69BFB4-B5D2-4731-814D-A43547F0CFDB}"
Const AUTOMATION_MARSHALER = "{00020424-0000-0000-C000-000000000046}"
Dim sh, mode, platform
Set sh = CreateObject("WScript.Shell")
mode = "registered"
platform = "win64"
If WScript.Arguments.Count > 0 Then mode = WScript.Arguments(0)
If WScript.Arguments.Count > 1 Then platform = WScript.Arguments(1)

' The value, or Empty when the key or value is not there. A name ending in \ is a key's
' default value.
Function ReadValue(name)
    Dim v
    On Error Resume Next
    v = sh.RegRead(name)
    If Err.Number <> 0 Then v = Empty
    Err.Clear
    On Error GoTo 0
    ReadValue = v
End Function

Function KeyExists(key)
    ' A key without a default value still answers RegRead(key\) with an empty string on
    ' Windows; a missing key is an error.
    Dim v
    On Error Resume Next
    v = sh.RegRead(key & "\")
    KeyExists = (Err.Number = 0)
    Err.Clear
    On Error GoTo 0
End Function

' Every key registration writes, deepest first.
Dim keys
keys = Array("CLSID\" & CLSID & "\InprocServer32", "CLSID\" & CLSID & "\ProgID", _
    "CLSID\" & CLSID & "\VersionIndependentProgID", "CLSID\" & CLSID & "\TypeLib", _
    "CLSID\" & CLSID & "\Version", "CLSID\" & CLSID, _
    "ProfShim.ProfileInfo\CLSID", "ProfShim.ProfileInfo\CurVer", "ProfShim.ProfileInfo", _
    "ProfShim.ProfileInfo.1\CLSID", "ProfShim.ProfileInfo.1", _
    "TypeLib\" & LIBID & "\1.0\0\" & platform, "TypeLib\" & LIBID & "\1.0\0", _
    "TypeLib\" & LIBID & "\1.0\FLAGS", "TypeLib\" & LIBID & "\1.0\HELPDIR", _
    "TypeLib\" & LIBID & "\1.0", "TypeLib\" & LIBID, _
    "Interface\" & IID_IProfileInfo & "\ProxyStubClsid32", "Interface\" & IID_IProfileInfo & "\TypeLib", _
    "Interface\" & IID_IProfileInfo, _
    "Interface\" & IID_IProfileInfo2 & "\ProxyStubClsid32", "Interface\" & IID_IProfileInfo2 & "\TypeLib", _
    "Interface\" & IID_IProfileInfo2, _
    "Interface\" & IID_IProfileInfoReport & "\ProxyStubClsid32", "Interface\" & IID_IProfileInfoReport & "\TypeLib", _
    "Interface\" & IID_IProfileInfoReport)

' Every value of the registration under one classes root ("HKCR\", "HKLM\Software\Classes\",
' "HKCU\Software\Classes\").
Sub ExpectRegistered(root)
    Dim path, folder, iid, names, i
    path = ReadValue(root & "CLSID\" & CLSID & "\InprocServer32\")
    Expect LCase(Right(path, 13)) = "\profshim.dll", root & ": InprocServer32 is the DLL's path: <" & path & ">"
    folder = Left(path, Len(path) - 13)
    Expect ReadValue(root & "CLSID\" & CLSID & "\InprocServer32\ThreadingModel") = "Both", root & ": ThreadingModel Both"
    Expect ReadValue(root & "CLSID\" & CLSID & "\ProgID\") = "ProfShim.ProfileInfo.1", root & ": CLSID\ProgID"
    Expect ReadValue(root & "CLSID\" & CLSID & "\VersionIndependentProgID\") = "ProfShim.ProfileInfo", root & ": CLSID\VersionIndependentProgID"
    Expect ReadValue(root & "CLSID\" & CLSID & "\TypeLib\") = LIBID, root & ": CLSID\TypeLib"
    Expect ReadValue(root & "CLSID\" & CLSID & "\Version\") = "1.0", root & ": CLSID\Version"
    Expect Len(ReadValue(root & "CLSID\" & CLSID & "\")) > 0, root & ": the CLSID has a description"
    Expect ReadValue(root & "ProfShim.ProfileInfo\CLSID\") = CLSID, root & ": ProfShim.ProfileInfo\CLSID"
    Expect ReadValue(root & "ProfShim.ProfileInfo\CurVer\") = "ProfShim.ProfileInfo.1", root & ": ProfShim.ProfileInfo\CurVer"
    Expect ReadValue(root & "ProfShim.ProfileInfo.1\CLSID\") = CLSID, root & ": ProfShim.ProfileInfo.1\CLSID"
    Expect Len(ReadValue(root & "ProfShim.ProfileInfo\")) > 0, root & ": ProfShim.ProfileInfo has a description"
    ' The type library: this DLL (TYPELIB resource 1) for this bitness.
    Expect InStr(ReadValue(root & "TypeLib\" & LIBID & "\1.0\"), "profshim") = 1, root & ": TypeLib 1.0 has the library's help string"
    Expect ReadValue(root & "TypeLib\" & LIBID & "\1.0\0\" & platform & "\") = path, root & ": TypeLib 1.0\0\" & platform & " is the DLL's path"
    Expect ReadValue(root & "TypeLib\" & LIBID & "\1.0\FLAGS\") = "0", root & ": TypeLib FLAGS 0"
    Expect ReadValue(root & "TypeLib\" & LIBID & "\1.0\HELPDIR\") = folder, root & ": TypeLib HELPDIR is the DLL's folder <" & folder & ">"
    names = Array("IProfileInfo", "IProfileInfo2", "IProfileInfoReport")
    i = 0
    For Each iid In Array(IID_IProfileInfo, IID_IProfileInfo2, IID_IProfileInfoReport)
        Expect ReadValue(root & "Interface\" & iid & "\") = names(i), root & ": Interface " & names(i)
        Expect ReadValue(root & "Interface\" & iid & "\ProxyStubClsid32\") = AUTOMATION_MARSHALER, root & ": " & names(i) & " marshalled by its type library"
        Expect ReadValue(root & "Interface\" & iid & "\TypeLib\") = LIBID, root & ": " & names(i) & "\TypeLib"
        Expect ReadValue(root & "Interface\" & iid & "\TypeLib\Version") = "1.0", root & ": " & names(i) & "\TypeLib Version"
        i = i + 1
    Next
End Sub

Sub ExpectNoKey(root)
    Dim key
    For Each key In keys
        Expect Not KeyExists(root & key), "no key left: " & root & key
    Next
End Sub

Function CreateError()
    Dim o
    On Error Resume Next
    Set o = CreateObject("ProfShim.ProfileInfo")
    CreateError = Err.Number
    On Error GoTo 0
End Function

Dim number
Select Case mode
    Case "registered"
        ExpectRegistered "HKLM\Software\Classes\"
        ExpectRegistered "HKCR\"
        number = CreateError()
        Expect number = 0, "CreateObject works: Err " & number
    Case "unregistered"
        ExpectNoKey "HKCR\"
        ExpectNoKey "HKLM\Software\Classes\"
        ExpectNoKey "HKCU\Software\Classes\"
        number = CreateError()
        Expect number = 429, "CreateObject fails with 429: Err " & number
    Case "user-registered"
        ExpectRegistered "HKCU\Software\Classes\"
        ExpectNoKey "HKLM\Software\Classes\"
    Case "user-unregistered"
        ExpectNoKey "HKCU\Software\Classes\"
    Case "both-registered"
        ExpectRegistered "HKLM\Software\Classes\"
        ExpectRegistered "HKCU\Software\Classes\"
    Case Else
        WScript.Echo "registry.vbs: registered, unregistered, user-registered, user-unregistered or both-registered"
        WScript.Quit 2
End Select

Finish
