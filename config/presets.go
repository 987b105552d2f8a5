package config

import (
	"slices"
	"strings"
)

// Preset is what replydesk knows about a mail provider: where its servers are,
// how to authenticate, and what the seller must switch on first. Setting
// `provider:` on a mailbox fills its imap/smtp blocks and default auth from
// here, field by field, so a mailbox only spells out what differs.
type Preset struct {
	Name string
	IMAP Server
	SMTP Server
	// Auth is the default auth method for mailboxes of this provider.
	Auth string
	// OAuth2 reports that replydesk knows the provider's OAuth2 endpoints, so
	// auth: oauth2 works with only oauth2.<name>.client_id configured.
	OAuth2 bool
	// IMAPID reports that the server refuses SELECT ("Unsafe Login") until the
	// client identifies itself with the IMAP ID command (RFC 2971), as NetEase
	// does. The IMAP client must send ID right after login for these.
	IMAPID bool
	// Hint tells the seller how to get a working credential: where to enable
	// IMAP, how to create an app password or authorization code.
	Hint string
	// Source is the page the settings above were checked against. Where the
	// provider's own help page could not be consulted it is a third-party
	// copy; see the comment on each preset.
	Source string
}

// Provider names with special handling elsewhere.
const (
	ProviderCustom  = "custom"
	ProviderGmail   = "gmail"
	ProviderOutlook = "outlook"
)

// presets holds every known provider by canonical name. Servers use implicit
// TLS wherever the provider offers it (RFC 8314 prefers it to STARTTLS).
var presets = map[string]Preset{
	ProviderGmail: {
		IMAP:   Server{Host: "imap.gmail.com", Port: 993, TLS: TLSImplicit},
		SMTP:   Server{Host: "smtp.gmail.com", Port: 465, TLS: TLSImplicit},
		Auth:   AuthPassword,
		OAuth2: true,
		Hint: "Gmail: an app password needs 2-Step Verification on the Google account; create one at " +
			"https://myaccount.google.com/apppasswords and use it as the password. If IMAP is off (older accounts, " +
			"or a Workspace admin policy), enable it in Gmail settings → Forwarding and POP/IMAP. auth: oauth2 " +
			"needs an OAuth client of your own in Google Cloud (oauth2.gmail.client_id); https://mail.google.com/ " +
			"is a restricted scope, so an app used beyond your own accounts needs Google's verification.",
		Source: "https://developers.google.com/gmail/imap/imap-smtp",
	},
	ProviderOutlook: {
		IMAP:   Server{Host: "outlook.office365.com", Port: 993, TLS: TLSImplicit},
		SMTP:   Server{Host: "smtp.office365.com", Port: 587, TLS: TLSStartTLS},
		Auth:   AuthOAuth2,
		OAuth2: true,
		Hint: "Outlook.com / Hotmail / Microsoft 365: Microsoft has turned off basic (password) authentication, " +
			"so auth defaults to oauth2: register an app in Microsoft Entra ID and set oauth2.outlook.client_id " +
			"(tenant: common, consumers, organizations or your tenant id). Outlook.com users may have to enable " +
			"IMAP in Settings → Mail → Forwarding and IMAP; Microsoft 365 admins must allow IMAP and SMTP AUTH " +
			"for the mailbox. Microsoft documents smtp-mail.outlook.com for Outlook.com accounts; " +
			"smtp.office365.com serves both consumer and Microsoft 365 accounts.",
		// SMTP host smtp.office365.com as listed by Thunderbird's ISPDB for
		// hotmail.com and office365.com; the Microsoft page lists
		// smtp-mail.outlook.com (same port and STARTTLS).
		Source: "https://support.microsoft.com/en-us/office/pop-imap-and-smtp-settings-8361e398-8af4-4e97-b147-6c6c4ac95353",
	},
	"qq": {
		IMAP: Server{Host: "imap.qq.com", Port: 993, TLS: TLSImplicit},
		SMTP: Server{Host: "smtp.qq.com", Port: 465, TLS: TLSImplicit},
		Auth: AuthPassword,
		Hint: "QQ Mail: log in to mail.qq.com, 设置 → 账户, enable the IMAP/SMTP service under " +
			"POP3/IMAP/SMTP/Exchange/CardDAV/CalDAV服务 and generate an authorization code (授权码, SMS " +
			"verification); use the 授权码 as the password, never the QQ password. Changing the QQ password " +
			"invalidates existing codes.",
		// Third-party: Thunderbird's ISPDB entry (QQ's own help pages were not
		// reachable when this was checked).
		Source: "https://github.com/thunderbird/autoconfig/blob/master/ispdb/qq.com.xml",
	},
	"exmail": {
		IMAP: Server{Host: "imap.exmail.qq.com", Port: 993, TLS: TLSImplicit},
		SMTP: Server{Host: "smtp.exmail.qq.com", Port: 465, TLS: TLSImplicit},
		Auth: AuthPassword,
		Hint: "Tencent Exmail (腾讯企业邮, managed from WeCom): the admin must allow the member to use " +
			"IMAP/SMTP clients; the user enables IMAP/SMTP in 设置 → 收发信设置, turns on 安全登录 in " +
			"设置 → 邮箱绑定 and generates a client-specific password (客户端专用密码) to use here. Servers " +
			"for overseas networks: hwimap.exmail.qq.com / hwsmtp.exmail.qq.com (same ports).",
		// Third-party setup guide quoting Exmail's client settings.
		Source: "https://www.topmailsender.com/en/youxiang/205-tengxun-qiyeyouxiang-tencent-enterprise-mailbox",
	},
	"163": {
		IMAP:   Server{Host: "imap.163.com", Port: 993, TLS: TLSImplicit},
		SMTP:   Server{Host: "smtp.163.com", Port: 465, TLS: TLSImplicit},
		Auth:   AuthPassword,
		IMAPID: true,
		Hint: "NetEase 163: in mail.163.com 设置 → POP3/SMTP/IMAP, enable the IMAP/SMTP service and add an " +
			"authorization code (授权码); use the code as the password. Free accounts get only a few codes. " +
			"NetEase answers SELECT with \"Unsafe Login\" unless the client sends IMAP ID.",
		// Third-party: Delta Chat's provider database (checked 2024-11).
		Source: "https://github.com/chatmail/provider-db/blob/master/_providers/163.md",
	},
	"126": {
		IMAP:   Server{Host: "imap.126.com", Port: 993, TLS: TLSImplicit},
		SMTP:   Server{Host: "smtp.126.com", Port: 465, TLS: TLSImplicit},
		Auth:   AuthPassword,
		IMAPID: true,
		Hint: "NetEase 126: same as 163 — 设置 → POP3/SMTP/IMAP, enable IMAP/SMTP, add an authorization code " +
			"(授权码) and use it as the password.",
		// Not verified against a NetEase page; same scheme as 163.
		Source: "https://github.com/chatmail/provider-db/blob/master/_providers/163.md",
	},
	"yeah": {
		IMAP:   Server{Host: "imap.yeah.net", Port: 993, TLS: TLSImplicit},
		SMTP:   Server{Host: "smtp.yeah.net", Port: 465, TLS: TLSImplicit},
		Auth:   AuthPassword,
		IMAPID: true,
		Hint: "NetEase yeah.net: same as 163 — 设置 → POP3/SMTP/IMAP, enable IMAP/SMTP, add an authorization " +
			"code (授权码) and use it as the password.",
		// Not verified against a NetEase page; same scheme as 163.
		Source: "https://github.com/chatmail/provider-db/blob/master/_providers/163.md",
	},
	"aliyun": {
		IMAP: Server{Host: "imap.qiye.aliyun.com", Port: 993, TLS: TLSImplicit},
		SMTP: Server{Host: "smtp.qiye.aliyun.com", Port: 465, TLS: TLSImplicit},
		Auth: AuthPassword,
		Hint: "Alibaba Mail enterprise (阿里邮箱企业版): new organizations block third-party clients until the " +
			"admin allows them; if the third-party client security password (三方客户端安全密码) is on, use " +
			"that password here. Personal @aliyun.com addresses use imap.aliyun.com / smtp.aliyun.com instead.",
		// IMAP host and port: https://help.aliyun.com/document_detail/2857126.html
		Source: "https://help.aliyun.com/document_detail/36687.html",
	},
	"feishu": {
		IMAP: Server{Host: "imap.feishu.cn", Port: 993, TLS: TLSImplicit},
		SMTP: Server{Host: "smtp.feishu.cn", Port: 465, TLS: TLSImplicit},
		Auth: AuthPassword,
		Hint: "Feishu Mail (飞书邮箱): the admin must allow third-party clients; each user generates a " +
			"per-client password (第三方客户端专用密码) in the Feishu Mail settings and uses it here. Lark " +
			"tenants outside mainland China use other hosts; check the Lark Mail settings page.",
		// Not verified against a Feishu help page: hosts and ports as used by
		// several public projects talking to Feishu Mail.
		Source: "https://www.feishu.cn/hc/zh-CN/",
	},
	"zoho": {
		IMAP: Server{Host: "imap.zoho.com", Port: 993, TLS: TLSImplicit},
		SMTP: Server{Host: "smtp.zoho.com", Port: 465, TLS: TLSImplicit},
		Auth: AuthPassword,
		Hint: "Zoho Mail: enable IMAP Access in Settings → Mail Accounts → IMAP; with two-factor " +
			"authentication, use an application-specific password. Accounts on a custom domain (organization " +
			"users) use imappro.zoho.com / smtppro.zoho.com, and accounts in other data centers use the " +
			"regional domain (.eu, .in, .com.au, .com.cn), e.g. imap.zoho.eu: set imap.host and smtp.host.",
		// Via Thunderbird's ISPDB entry for zoho.com, which cites this page.
		Source: "https://www.zoho.com/mail/help/imap-access.html",
	},
	"yahoo": {
		IMAP: Server{Host: "imap.mail.yahoo.com", Port: 993, TLS: TLSImplicit},
		SMTP: Server{Host: "smtp.mail.yahoo.com", Port: 465, TLS: TLSImplicit},
		Auth: AuthPassword,
		Hint: "Yahoo Mail: turn on two-step verification, then Account Security → Generate app password, " +
			"and use that app password here.",
		// Via Thunderbird's ISPDB entry for yahoo.com, which cites this page.
		Source: "https://help.yahoo.com/kb/new-mail-for-desktop/imap-server-settings-yahoo-mail-sln4075.html",
	},
	"35": {
		IMAP: Server{Host: "imap.35.cn", Port: 993, TLS: TLSImplicit},
		SMTP: Server{Host: "smtp.35.cn", Port: 465, TLS: TLSImplicit},
		Auth: AuthPassword,
		Hint: "35.cn enterprise mail (35互联): enable IMAP/SMTP in the webmail settings. These hosts are not " +
			"confirmed by 35.cn documentation: check them with your administrator and override imap/smtp if " +
			"they differ.",
		// Unverified: only a third-party project's IMAP host was found.
		Source: "https://www.35.cn/",
	},
	"icloud": {
		IMAP: Server{Host: "imap.mail.me.com", Port: 993, TLS: TLSImplicit},
		SMTP: Server{Host: "smtp.mail.me.com", Port: 587, TLS: TLSStartTLS},
		Auth: AuthPassword,
		Hint: "iCloud Mail: needs two-factor authentication and an app-specific password (account.apple.com → " +
			"Sign-In and Security → App-Specific Passwords). Apple documents the IMAP user name as the part of " +
			"the address before @ (emilyparker, not emilyparker@icloud.com); if login fails with the full " +
			"address, set username to that part. Custom-domain addresses log in with the iCloud account.",
		Source: "https://support.apple.com/en-us/102525",
	},
	ProviderCustom: {
		Auth: AuthPassword,
		Hint: "custom: set imap and smtp host, port and tls yourself.",
	},
}

// presetAliases maps other names sellers use to a canonical preset name.
var presetAliases = map[string]string{
	"hotmail":   ProviderOutlook,
	"live":      ProviderOutlook,
	"office365": ProviderOutlook,
}

// canonicalProvider lower-cases name and resolves aliases. "" means custom.
func canonicalProvider(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return ProviderCustom
	}
	if c, ok := presetAliases[name]; ok {
		return c
	}
	return name
}

// LookupPreset returns the preset for a provider name or alias
// (case-insensitive; "" is custom).
func LookupPreset(name string) (Preset, bool) {
	name = canonicalProvider(name)
	p, ok := presets[name]
	if !ok {
		return Preset{}, false
	}
	p.Name = name
	return p, true
}

// PresetNames returns the canonical preset names, sorted. Aliases
// (hotmail, live, office365) are accepted by LookupPreset but not listed.
func PresetNames() []string {
	names := make([]string, 0, len(presets))
	for n := range presets {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// tenantPlaceholder is replaced by OAuth2Client.Tenant in Microsoft endpoints.
const tenantPlaceholder = "{tenant}"

// oauth2Presets are the endpoints of providers replydesk can do OAuth2 with
// out of the box. Client IDs are not included: a self-hosted desk registers
// its own application with the provider.
var oauth2Presets = map[string]OAuth2Client{
	// https://developers.google.com/identity/protocols/oauth2 ; scope from
	// https://developers.google.com/gmail/imap/xoauth2-protocol. Google's
	// device flow only allows a limited set of scopes, so device login may be
	// refused for the mail scope; use the browser flow for Gmail.
	ProviderGmail: {
		AuthURL:       "https://accounts.google.com/o/oauth2/auth",
		TokenURL:      "https://oauth2.googleapis.com/token",
		DeviceAuthURL: "https://oauth2.googleapis.com/device/code",
		Scopes:        []string{"https://mail.google.com/"},
	},
	// https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth
	// offline_access is what makes Microsoft return a refresh token.
	ProviderOutlook: {
		AuthURL:       "https://login.microsoftonline.com/" + tenantPlaceholder + "/oauth2/v2.0/authorize",
		TokenURL:      "https://login.microsoftonline.com/" + tenantPlaceholder + "/oauth2/v2.0/token",
		DeviceAuthURL: "https://login.microsoftonline.com/" + tenantPlaceholder + "/oauth2/v2.0/devicecode",
		Scopes: []string{
			"https://outlook.office.com/IMAP.AccessAsUser.All",
			"https://outlook.office.com/SMTP.Send",
			"offline_access",
		},
		Tenant: "common",
	},
}

// mergeServer fills the zero fields of s from the preset p, so a mailbox can
// override a preset one field at a time (imap: {port: 143, tls: starttls}
// keeps the preset host).
func mergeServer(s, p Server) Server {
	if s.Host == "" {
		s.Host = p.Host
	}
	if s.Port == 0 {
		s.Port = p.Port
	}
	if s.TLS == "" {
		s.TLS = p.TLS
	}
	return s
}
