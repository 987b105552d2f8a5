package parse

import "testing"

func TestSplitQuoted(t *testing.T) {
	tests := []struct {
		name                    string
		in                      string
		newText, quoted, sigPfx string
	}{
		{"empty", "", "", "", ""},
		{"no quote", "Hello,\nwhere is my order?\n\nThanks", "Hello,\nwhere is my order?\n\nThanks", "", ""},
		{"gt quote with attribution",
			"Thanks!\n\nOn Tue, Feb 3, 2026 at 10:15 AM Shop <s@shop.example> wrote:\n> Hi\n> there",
			"Thanks!", "On Tue, Feb 3, 2026 at 10:15 AM Shop <s@shop.example> wrote:\n> Hi\n> there", ""},
		{"attribution over two lines",
			"Ok.\n\nOn Tue, Feb 3, 2026 at 10:15 AM Kitchenova Support <\nservice@kitchenova.example> wrote:\n\n> Hi",
			"Ok.", "On Tue, Feb 3, 2026 at 10:15 AM Kitchenova Support <\nservice@kitchenova.example> wrote:\n\n> Hi", ""},
		{"attribution without gt lines cuts the rest",
			"Ok.\n\nOn Tue, Feb 3, 2026 at 10:15 AM Shop wrote:\nHi Jason,\nold text",
			"Ok.", "On Tue, Feb 3, 2026 at 10:15 AM Shop wrote:\nHi Jason,\nold text", ""},
		{"german", "Danke!\n\nAm 03.03.2026 um 11:20 schrieb ToyBox DE <s@t.example>:\n> Hallo", "Danke!", "Am 03.03.2026 um 11:20 schrieb ToyBox DE <s@t.example>:\n> Hallo", ""},
		{"german outlook", "Danke\n\n-----Ursprüngliche Nachricht-----\nVon: ToyBox\nGesendet: Dienstag\nAn: Monika\nBetreff: AW: x\n\nalt", "Danke", "-----Ursprüngliche Nachricht-----\nVon: ToyBox\nGesendet: Dienstag\nAn: Monika\nBetreff: AW: x\n\nalt", ""},
		{"german von block", "Danke\n\nVon: ToyBox <s@t.example>\nGesendet: Dienstag, 3. März 2026 11:20\nAn: Monika\nBetreff: AW: x\n\nalt", "Danke", "Von: ToyBox <s@t.example>\nGesendet: Dienstag, 3. März 2026 11:20\nAn: Monika\nBetreff: AW: x\n\nalt", ""},
		{"french", "Merci.\n\nLe mar. 3 mars 2026 à 10:41, Boutique <s@b.example> a écrit :\n> Bonjour", "Merci.", "Le mar. 3 mars 2026 à 10:41, Boutique <s@b.example> a écrit :\n> Bonjour", ""},
		{"french outlook", "Merci.\n\nDe : Boutique <s@b.example>\nEnvoyé : mardi 3 mars 2026 10:41\nÀ : Camille\nObjet : RE: colis\n\nBonjour", "Merci.", "De : Boutique <s@b.example>\nEnvoyé : mardi 3 mars 2026 10:41\nÀ : Camille\nObjet : RE: colis\n\nBonjour", ""},
		{"spanish", "Gracias\n\nEl lun, 2 mar 2026 a las 9:12, Tienda (<s@t.example>) escribió:\n> Hola", "Gracias", "El lun, 2 mar 2026 a las 9:12, Tienda (<s@t.example>) escribió:\n> Hola", ""},
		{"spanish outlook", "Gracias\n\nDe: Tienda <s@t.example>\nEnviado: lunes, 2 de marzo de 2026 9:12\nPara: Lucía\nAsunto: RE: pedido\n\nHola", "Gracias", "De: Tienda <s@t.example>\nEnviado: lunes, 2 de marzo de 2026 9:12\nPara: Lucía\nAsunto: RE: pedido\n\nHola", ""},
		{"italian", "Grazie\n\nIl giorno lun 2 mar 2026 alle ore 09:12 Negozio <s@n.example> ha scritto:\n> Ciao", "Grazie", "Il giorno lun 2 mar 2026 alle ore 09:12 Negozio <s@n.example> ha scritto:\n> Ciao", ""},
		{"portuguese", "Obrigado\n\nEm seg., 2 de mar. de 2026 às 09:12, Loja <s@l.example> escreveu:\n> Olá", "Obrigado", "Em seg., 2 de mar. de 2026 às 09:12, Loja <s@l.example> escreveu:\n> Olá", ""},
		{"dutch", "Bedankt\n\nOp ma 2 mrt 2026 om 09:12 schreef Winkel <s@w.example>:\n> Hoi", "Bedankt", "Op ma 2 mrt 2026 om 09:12 schreef Winkel <s@w.example>:\n> Hoi", ""},
		{"russian", "Спасибо\n\n2 марта 2026 г., в 9:12, Магазин <s@m.example> написал(а):\n> Привет", "Спасибо", "2 марта 2026 г., в 9:12, Магазин <s@m.example> написал(а):\n> Привет", ""},
		{"russian separator", "Спасибо\n\n-------- Исходное сообщение --------\nОт: Магазин\nТема: заказ\n\nтекст", "Спасибо", "-------- Исходное сообщение --------\nОт: Магазин\nТема: заказ\n\nтекст", ""},
		{"russian mail.ru", "Спасибо\n\nВторник, 10 февраля 2026, 9:41 +03:00 от Магазин <s@m.example>:\n> Привет", "Спасибо", "Вторник, 10 февраля 2026, 9:41 +03:00 от Магазин <s@m.example>:\n> Привет", ""},
		{"polish", "Dzięki\n\nW dniu 2.03.2026 o 09:12, Sklep <s@s.example> napisał:\n> Cześć", "Dzięki", "W dniu 2.03.2026 o 09:12, Sklep <s@s.example> napisał:\n> Cześć", ""},
		{"turkish", "Teşekkürler\n\n2 Mar 2026 Pzt, saat 09:12 tarihinde Mağaza <s@m.example> şunu yazdı:\n> Merhaba", "Teşekkürler", "2 Mar 2026 Pzt, saat 09:12 tarihinde Mağaza <s@m.example> şunu yazdı:\n> Merhaba", ""},
		{"chinese qq", "好的\n\n------------------ 原始邮件 ------------------\n发件人: \"店铺\"<s@d.example>;\n发送时间: 2026年3月2日\n主题: 回复\n\n旧内容", "好的", "------------------ 原始邮件 ------------------\n发件人: \"店铺\"<s@d.example>;\n发送时间: 2026年3月2日\n主题: 回复\n\n旧内容", ""},
		{"chinese fullwidth colon", "收到\n\n发件人：店铺 <s@d.example>\n发送时间：2026年3月2日 9:12\n收件人：我\n主题：回复\n\n旧内容", "收到", "发件人：店铺 <s@d.example>\n发送时间：2026年3月2日 9:12\n收件人：我\n主题：回复\n\n旧内容", ""},
		{"chinese gmail", "好的\n\n在 2026年3月2日周一 09:12，店铺 <s@d.example> 写道：\n> 你好", "好的", "在 2026年3月2日周一 09:12，店铺 <s@d.example> 写道：\n> 你好", ""},
		{"traditional chinese", "謝謝\n\n寄件者: 店鋪 <s@d.example>\n寄件日期: 2026年3月2日 上午 09:12\n收件者: 我\n主旨: 回覆\n\n舊內容", "謝謝", "寄件者: 店鋪 <s@d.example>\n寄件日期: 2026年3月2日 上午 09:12\n收件者: 我\n主旨: 回覆\n\n舊內容", ""},
		{"japanese", "ありがとうございます\n\n2026年3月2日(月) 9:12 ショップ <s@s.example>:\n> 山口様", "ありがとうございます", "2026年3月2日(月) 9:12 ショップ <s@s.example>:\n> 山口様", ""},
		{"japanese no message", "了解です\n\n2026/03/02 9:12、ショップ のメッセージ:\n> 発送しました", "了解です", "2026/03/02 9:12、ショップ のメッセージ:\n> 発送しました", ""},
		{"japanese outlook", "承知しました\n\n差出人: ショップ <s@s.example>\n送信日時: 2026年3月2日 9:12\n宛先: 田中\n件名: RE: 領収書\n\n旧", "承知しました", "差出人: ショップ <s@s.example>\n送信日時: 2026年3月2日 9:12\n宛先: 田中\n件名: RE: 領収書\n\n旧", ""},
		{"korean", "감사합니다\n\n보낸 사람: 상점 <s@s.example>\n보낸 날짜: 2026년 3월 2일\n받는 사람: 김민준\n제목: RE: 배송\n\n이전", "감사합니다", "보낸 사람: 상점 <s@s.example>\n보낸 날짜: 2026년 3월 2일\n받는 사람: 김민준\n제목: RE: 배송\n\n이전", ""},
		{"korean original message", "감사합니다\n\n-----Original Message-----\n보낸사람: 상점\n제목: RE\n\n이전", "감사합니다", "-----Original Message-----\n보낸사람: 상점\n제목: RE\n\n이전", ""},
		{"outlook underscore", "Thanks\n\n________________________________\nFrom: Shop <s@s.example>\nSent: Monday\nSubject: RE: x\n\nold", "Thanks", "________________________________\nFrom: Shop <s@s.example>\nSent: Monday\nSubject: RE: x\n\nold", ""},
		{"outlook bold labels", "Thanks\n\n*From:* Shop <s@s.example>\n*Sent:* Monday\n*To:* me\n*Subject:* RE: x\n\nold", "Thanks", "*From:* Shop <s@s.example>\n*Sent:* Monday\n*To:* me\n*Subject:* RE: x\n\nold", ""},
		{"from line alone is not a quote", "From: Anna\nI want to return the shoes.", "From: Anna\nI want to return the shoes.", "", ""},
		{"interleaved", "> Which size?\nEU 43.\n> Colour?\nWhite.", "EU 43.\nWhite.", "> Which size?\n> Colour?", ""},
		{"bottom post", "On Mon, 2 Mar 2026 at 09:12, Shop <s@s.example> wrote:\n> Which size?\n\nEU 43 please.", "EU 43 please.", "On Mon, 2 Mar 2026 at 09:12, Shop <s@s.example> wrote:\n> Which size?", ""},
		{"signature dashes", "Hello\n\n-- \nJohn Doe\nACME", "Hello", "", "-- \nJohn Doe"},
		{"signature iphone", "Where is it?\n\nSent from my iPhone", "Where is it?", "", "Sent from my iPhone"},
		{"signature chinese", "在哪里？\n\n发自我的iPhone", "在哪里？", "", "发自我的iPhone"},
		{"signature spanish", "¿Dónde está?\n\nEnviado desde mi iPhone", "¿Dónde está?", "", "Enviado desde mi iPhone"},
		{"signature german", "Wo ist es?\n\nVon meinem iPhone gesendet", "Wo ist es?", "", "Von meinem iPhone gesendet"},
		{"signature french", "Où est-il ?\n\nEnvoyé de mon iPhone", "Où est-il ?", "", "Envoyé de mon iPhone"},
		{"signature japanese", "どこですか？\n\niPhoneから送信", "どこですか？", "", "iPhoneから送信"},
		{"signature before quote", "Ok\n\nSent from my Galaxy\n\nOn Mon, 2 Mar 2026, Shop <s@s.example> wrote:\n> x", "Ok", "On Mon, 2 Mar 2026, Shop <s@s.example> wrote:\n> x", "Sent from my Galaxy"},
		{"sent from in the middle is text", "Sent from my iPhone to you\nbut the parcel\nnever\narrived\nat all", "Sent from my iPhone to you\nbut the parcel\nnever\narrived\nat all", "", ""},
		{"device name at line start is text", "Hello,\n\niPad app does not connect?", "Hello,\n\niPad app does not connect?", "", ""},
		{"samsung line is text", "My phone:\nSamsung Galaxy S21", "My phone:\nSamsung Galaxy S21", "", ""},
		{"forward only", "---------- Forwarded message ---------\nFrom: DHL <n@dhl.example>\nDate: Fri, 1 May 2026\nSubject: parcel\nTo: <me@example.de>\n\nWe tried to deliver.", "We tried to deliver.", "", ""},
		{"forward with comment", "See below!\n\n-------- Weitergeleitete Nachricht --------\nBetreff: x\nVon: y\n\nold", "See below!", "-------- Weitergeleitete Nachricht --------\nBetreff: x\nVon: y\n\nold", ""},
		{"weak wrote without quote is text", "My son wrote:\nplease send the blue one", "My son wrote:\nplease send the blue one", "", ""},
		{"crlf", "Hi\r\n\r\n> old\r\n", "Hi", "> old", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, q, s := SplitQuoted(tt.in)
			eq(t, "newText", n, tt.newText)
			eq(t, "quoted", q, tt.quoted)
			if tt.sigPfx == "" {
				eq(t, "signature", s, "")
			} else if len(s) < len(tt.sigPfx) || s[:len(tt.sigPfx)] != tt.sigPfx {
				t.Errorf("signature = %q, want prefix %q", s, tt.sigPfx)
			}
		})
	}
}

func TestNormalizeSubject(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Re: Order 123", "order 123"},
		{"RE: re: Fwd: FW: Order 123", "order 123"},
		{"AW: WG: Bestellung", "bestellung"},
		{"SV: VS: Antw: TR: RV: RES: Enc: Pedido", "pedido"},
		{"RE[2]: Re(3): Re^4: hello", "hello"},
		{"Re : spaced colon", "spaced colon"},
		{"回复：回复: 订单", "订单"},
		{"答复: 回覆：转发: 轉寄: 订单", "订单"},
		{"Ответ: Re: Заказ", "заказ"},
		{"R: I: Ordine", "ordine"},
		{"Odp: YNT: Zamówienie", "zamówienie"},
		{"Re：全角コロン", "全角コロン"},
		{"【自動返信】Re: 領収書", "領収書"},
		{"Automatic reply: Re: Refund", "refund"},
		{"[Ticket #123] Re: Hello", "[ticket #123] hello"},
		{"Re: [Ticket #123] Hello", "[ticket #123] hello"},
		{"  Lots   of\t space  ", "lots of space"},
		{"Re:", "re:"},
		{"Reorder status", "reorder status"},
		{"Fwd:Re:no space", "no space"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeSubject(tt.in); got != tt.want {
			t.Errorf("NormalizeSubject(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
