<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>&lt;h3&gt;ExpertScore {version}&lt;/h3&gt;&lt;p&gt;Offline expert scoring of industrial internet platforms.&lt;/p&gt;&lt;p&gt;Your scores stay in your session file on this computer; every accepted edit is saved at once.&lt;/p&gt;&lt;p&gt;Chinese text uses WenQuanYi Micro Hei (Apache-2.0) where the system has no Chinese font.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ExpertScore 专家评分 {version}&lt;/h3&gt;&lt;p&gt;工业互联网平台离线专家评分工具。&lt;/p&gt;&lt;p&gt;您的评分只保存在本机的评分会话文件中；每一项确认的修改都会立即保存。&lt;/p&gt;&lt;p&gt;系统缺少中文字体时使用文泉驿微米黑（Apache-2.0）显示中文。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About ExpertScore</source>
        <translation>关于 ExpertScore</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Open package or session…</source>
        <translation>打开批次包或会话(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find submission</source>
        <translation>查找申报(&amp;F)</translation>
    </message>
    <message>
        <source>Find in &amp;evidence</source>
        <translation>在佐证中查找(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Next submission</source>
        <translation>下一份申报(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous submission</source>
        <translation>上一份申报(&amp;P)</translation>
    </message>
    <message>
        <source>Next indicator</source>
        <translation>下一指标</translation>
    </message>
    <message>
        <source>Previous indicator</source>
        <translation>上一指标</translation>
    </message>
    <message>
        <source>What is &amp;missing…</source>
        <translation>缺项清单(&amp;M)…</translation>
    </message>
    <message>
        <source>Declare &amp;conflict of interest…</source>
        <translation>声明利益冲突(&amp;C)…</translation>
    </message>
    <message>
        <source>Su&amp;bmit scores…</source>
        <translation>提交评分(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Unlock submitted scores…</source>
        <translation>解锁已提交的评分(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Print sheets…</source>
        <translation>打印评分表(&amp;P)…</translation>
    </message>
    <message>
        <source>Save my &amp;key card…</source>
        <translation>保存我的密钥卡(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About ExpertScore</source>
        <translation>关于 ExpertScore(&amp;A)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Submission</source>
        <translation>申报(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>界面语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
</context>
<context>
    <name>BandsEditor</name>
    <message>
        <source>Accept suggestion</source>
        <translation>采纳建议分</translation>
    </message>
    <message>
        <source>No suggestion (no numeric reported value)</source>
        <translation>无建议分（报送值不是数字）</translation>
    </message>
    <message>
        <source>Suggested: {points}</source>
        <translation>建议分：{points}</translation>
    </message>
    <message>
        <source>or override: of {top} (step {step})</source>
        <translation>或自行打分：满分 {top}（步长 {step}）</translation>
    </message>
</context>
<context>
    <name>ChoiceEditor</name>
    <message>
        <source>Choose a grade:</source>
        <translation>选择等级：</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Does the platform meet it?</source>
        <translation>平台是否满足？</translation>
    </message>
</context>
<context>
    <name>ChooseExpertDialog</name>
    <message>
        <source>Not signed: ask the organizer whether this is their batch.</source>
        <translation>未签名：请向组织方确认这是其发出的批次。</translation>
    </message>
    <message>
        <source>Prepared by {signer} (key {key})</source>
        <translation>由 {signer} 制作（密钥 {key}）</translation>
    </message>
    <message>
        <source>Open batch package</source>
        <translation>打开评审批次包</translation>
    </message>
    <message>
        <source>No submissions are assigned to this expert</source>
        <translation>该专家没有分配的申报</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation>批次：</translation>
    </message>
    <message>
        <source>Organizer:</source>
        <translation>组织方：</translation>
    </message>
    <message>
        <source>Signature:</source>
        <translation>签名：</translation>
    </message>
    <message>
        <source>Scheme:</source>
        <translation>评估方案：</translation>
    </message>
    <message>
        <source>Who are you? Choose your name from the roster:</source>
        <translation>您是哪位专家？请在名单中选择您的姓名：</translation>
    </message>
    <message>
        <source>Your session file:</source>
        <translation>您的评分会话文件：</translation>
    </message>
    <message>
        <source>This session file exists: your work in it will be reopened.</source>
        <translation>该会话文件已存在：将打开其中已有的评分。</translation>
    </message>
    <message>
        <source>Session file</source>
        <translation>会话文件</translation>
    </message>
    <message>
        <source>Sessions (*.esession)</source>
        <translation>评分会话 (*.esession)</translation>
    </message>
</context>
<context>
    <name>CreateKeyDialog</name>
    <message>
        <source>Make your signing key</source>
        <translation>生成签名密钥</translation>
    </message>
    <message>
        <source>You have no signing key on this computer yet. Your result file is signed with it, so the chair can tell it is yours and unchanged. The key is kept here, encrypted with a passphrase of at least {minimum} characters: choose one you will remember, nobody can recover it.</source>
        <translation>本机还没有您的签名密钥。评分结果文件将用它签名，评审组长据此确认文件出自您本人且未被改动。密钥保存在本机，用至少 {minimum} 个字符的口令加密：请选择您记得住的口令，口令遗失后任何人都无法找回。</translation>
    </message>
    <message>
        <source>Save my key card for the chair:</source>
        <translation>保存密钥卡，交给评审组长：</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Send the key card to the chair before the session; they pin it on the roster.</source>
        <translation>请在评审开始前把密钥卡交给评审组长，由其登记到专家名单中。</translation>
    </message>
    <message>
        <source>Expert:</source>
        <translation>专家：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Organization:</source>
        <translation>单位(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>再次输入(&amp;R)：</translation>
    </message>
    <message>
        <source>Make key</source>
        <translation>生成密钥</translation>
    </message>
    <message>
        <source>Your name is needed.</source>
        <translation>请填写姓名。</translation>
    </message>
    <message>
        <source>The passphrase needs at least {minimum} characters ({count} now).</source>
        <translation>口令至少需要 {minimum} 个字符（当前 {count} 个）。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <source>Say where the key card goes.</source>
        <translation>请指定密钥卡的保存位置。</translation>
    </message>
    <message>
        <source>The passphrases match.</source>
        <translation>两次输入的口令一致。</translation>
    </message>
    <message>
        <source>Key card</source>
        <translation>密钥卡</translation>
    </message>
    <message>
        <source>Key cards (*.eskeycard)</source>
        <translation>密钥卡 (*.eskeycard)</translation>
    </message>
    <message>
        <source>Making your key…</source>
        <translation>正在生成密钥…</translation>
    </message>
</context>
<context>
    <name>EvidenceListModel</name>
    <message>
        <source>{file}, {size}
Supports: {codes}</source>
        <translation>{file}，{size}
支撑指标：{codes}</translation>
    </message>
</context>
<context>
    <name>EvidenceViewer</name>
    <message>
        <source>Open externally</source>
        <translation>用外部程序打开</translation>
    </message>
    <message>
        <source>Open the file in the system&apos;s program</source>
        <translation>用系统程序打开该文件</translation>
    </message>
    <message>
        <source>No evidence for this submission.</source>
        <translation>该申报没有佐证材料。</translation>
    </message>
    <message>
        <source>This file cannot be shown here ({error}).</source>
        <translation>无法在此显示该文件（{error}）。</translation>
    </message>
    <message>
        <source>Files of type {type} cannot be shown here.</source>
        <translation>无法在此显示 {type} 类型的文件。</translation>
    </message>
</context>
<context>
    <name>GapsModel</name>
    <message>
        <source>Submission</source>
        <translation>申报</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
</context>
<context>
    <name>ImagePane</name>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>适合窗口</translation>
    </message>
</context>
<context>
    <name>IndicatorDetail</name>
    <message>
        <source>Why this score (Ctrl+Enter saves)</source>
        <translation>评分理由（Ctrl+Enter 保存）</translation>
    </message>
    <message>
        <source>Pin shown page</source>
        <translation>关联当前页</translation>
    </message>
    <message>
        <source>Link the evidence page on the right to this score</source>
        <translation>把右侧正在显示的佐证页关联到本项评分</translation>
    </message>
    <message>
        <source>Remove pin</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <source>Reported:</source>
        <translation>报送值：</translation>
    </message>
    <message>
        <source>&amp;Verified value:</source>
        <translation>核实值(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Score:</source>
        <translation>评分(&amp;S)：</translation>
    </message>
    <message>
        <source>Co&amp;mment:</source>
        <translation>评语(&amp;M)：</translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>佐证：</translation>
    </message>
    <message>
        <source>(not reported)</source>
        <translation>（未报送）</translation>
    </message>
    <message>
        <source>max {points} points</source>
        <translation>满分 {points} 分</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>步长 {step}</translation>
    </message>
    <message>
        <source>objective</source>
        <translation>客观指标</translation>
    </message>
    <message>
        <source>subjective</source>
        <translation>主观指标</translation>
    </message>
    <message>
        <source>* weight set by the organizer</source>
        <translation>* 权重由组织方设定</translation>
    </message>
    <message>
        <source>Rubric: {text}</source>
        <translation>评分要点：{text}</translation>
    </message>
    <message>
        <source>Asked of the operator: {text}</source>
        <translation>填报要求：{text}</translation>
    </message>
    <message>
        <source>{title}, page {page}</source>
        <translation>{title}，第 {page} 页</translation>
    </message>
    <message>
        <source>Open an evidence file on the right first.</source>
        <translation>请先在右侧打开一份佐证材料。</translation>
    </message>
</context>
<context>
    <name>IndicatorTreeModel</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>报送值</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
</context>
<context>
    <name>KeyOpener</name>
    <message>
        <source>Wrong passphrase. Type it again.</source>
        <translation>口令错误，请重新输入。</translation>
    </message>
</context>
<context>
    <name>KeyStatus</name>
    <message>
        <source>Key file problem</source>
        <translation>密钥文件有问题</translation>
    </message>
    <message>
        <source>No signing key yet</source>
        <translation>尚无签名密钥</translation>
    </message>
    <message>
        <source>Your key is made the first time you submit.</source>
        <translation>首次提交评分时生成您的密钥。</translation>
    </message>
    <message>
        <source>Key {fingerprint}</source>
        <translation>密钥 {fingerprint}</translation>
    </message>
    <message>
        <source>Your signing key ({name}); compare this fingerprint with the chair.</source>
        <translation>您的签名密钥（{name}）；请与评审组长核对此指纹。</translation>
    </message>
</context>
<context>
    <name>LockBanner</name>
    <message>
        <source>Print filled sheet…</source>
        <translation>打印已填评分表…</translation>
    </message>
    <message>
        <source>Unlock…</source>
        <translation>解锁…</translation>
    </message>
    <message>
        <source>Submitted, locked</source>
        <translation>已提交，已锁定</translation>
    </message>
    <message>
        <source>Result {sequence} submitted {at} · SHA-256 {digest}… · Nothing can be changed until you unlock the scores with a reason.</source>
        <translation>第 {sequence} 次结果于 {at} 提交 · SHA-256 {digest}… · 填写理由解锁之前，评分不能修改。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Open the batch package from the organizer, or your session file.</source>
        <translation>请打开组织方发来的评审批次包，或您的评分会话文件。</translation>
    </message>
    <message>
        <source>Open package or session…</source>
        <translation>打开批次包或会话…</translation>
    </message>
    <message>
        <source>You can also drop the file on this window.</source>
        <translation>也可以把文件拖放到本窗口。</translation>
    </message>
    <message>
        <source>Open package or session</source>
        <translation>打开批次包或会话</translation>
    </message>
    <message>
        <source>Batch packages and sessions (*.esbatch *.zip *.esession);;All files (*)</source>
        <translation>批次包和会话 (*.esbatch *.zip *.esession);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{expert}: {assigned} submissions assigned, {recused} recused</source>
        <translation>{expert}：分配 {assigned} 份申报，回避 {recused} 份</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>ExpertScore</source>
        <translation>ExpertScore 专家评分</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>The language changes the next time ExpertScore starts.</source>
        <translation>界面语言将在下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>“{text}” is not a number</source>
        <translation>“{text}”不是数字</translation>
    </message>
    <message>
        <source>{value} is outside the range 0–{top}</source>
        <translation>{value} 超出 0–{top} 的范围</translation>
    </message>
    <message>
        <source>{value} is not a multiple of the step {step}</source>
        <translation>{value} 不是步长 {step} 的整数倍</translation>
    </message>
    <message>
        <source>choose one of {labels}</source>
        <translation>请选择 {labels} 之一</translation>
    </message>
    <message>
        <source>choose yes or no</source>
        <translation>请选择“是”或“否”</translation>
    </message>
    <message>
        <source>no suggestion: the reported value is not a number</source>
        <translation>无建议分：报送值不是数字</translation>
    </message>
    <message>
        <source>enter points</source>
        <translation>请输入分数</translation>
    </message>
    <message>
        <source>submission {sid} is recused and cannot be scored</source>
        <translation>申报 {sid} 已回避，不能评分</translation>
    </message>
    <message>
        <source>submission {sid} is recused</source>
        <translation>申报 {sid} 已回避</translation>
    </message>
    <message>
        <source>submission {sid} is already recused</source>
        <translation>申报 {sid} 已经回避</translation>
    </message>
    <message>
        <source>submission {sid} is not assigned to you</source>
        <translation>申报 {sid} 未分配给您</translation>
    </message>
    <message>
        <source>indicator {code} of submission {sid} is not assigned to you</source>
        <translation>申报 {sid} 的指标 {code} 未分配给您</translation>
    </message>
    <message>
        <source>a recusal needs a reason</source>
        <translation>回避须填写理由</translation>
    </message>
    <message>
        <source>evidence {eid} does not belong to submission {sid}</source>
        <translation>佐证 {eid} 不属于申报 {sid}</translation>
    </message>
    <message>
        <source>already submitted as result {sequence} ({at}); unlock the scores with a reason to submit again</source>
        <translation>已作为第 {sequence} 次结果提交（{at}）；如需再次提交，请先填写理由解锁评分</translation>
    </message>
    <message>
        <source>the batch roster names another key for {expert}; this key is {key}: sign with the key you gave the organizer</source>
        <translation>批次专家名单为 {expert} 登记了另一个密钥；本密钥为 {key}：请使用您交给组织方的密钥签名</translation>
    </message>
    <message>
        <source>{path} exists and is not a result file; not overwritten</source>
        <translation>{path} 已存在且不是结果文件；未覆盖</translation>
    </message>
    <message>
        <source>{path} is a folder; give a file name for the result</source>
        <translation>{path} 是文件夹；请为结果指定文件名</translation>
    </message>
    <message>
        <source>unlocking the submitted scores needs a reason</source>
        <translation>解锁已提交的评分需要填写理由</translation>
    </message>
    <message>
        <source>Indicator {code}: {reason}</source>
        <translation>指标 {code}：{reason}</translation>
    </message>
    <message>
        <source>The session was submitted (result {sequence}, {at}) and is locked; unlock it with a reason to change anything.</source>
        <translation>该会话已提交（第 {sequence} 次，{at}）并已锁定；如需修改，请先填写理由解锁。</translation>
    </message>
</context>
<context>
    <name>MissingDialog</name>
    <message>
        <source>What is missing</source>
        <translation>缺项清单</translation>
    </message>
    <message>
        <source>Enter or double-click jumps to the indicator.</source>
        <translation>按回车或双击跳转到该指标。</translation>
    </message>
    <message>
        <source>{count} indicators in {submissions} submissions have no score.</source>
        <translation>{submissions} 份申报中有 {count} 项指标尚未评分。</translation>
    </message>
    <message>
        <source>Every assigned indicator has a score.</source>
        <translation>所有分配的指标都已评分。</translation>
    </message>
</context>
<context>
    <name>OpenKeyDialog</name>
    <message>
        <source>Your passphrase</source>
        <translation>输入口令</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>密钥：</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>Opener</name>
    <message>
        <source>{path}: no such file</source>
        <translation>{path}：文件不存在</translation>
    </message>
    <message>
        <source>Checking the package…</source>
        <translation>正在校验批次包…</translation>
    </message>
    <message>
        <source>Importing the batch into your session…</source>
        <translation>正在导入批次到您的评分会话…</translation>
    </message>
    <message>
        <source>{path} is the session of expert {other}, not {expert}.</source>
        <translation>{path} 是专家 {other} 的会话，不是 {expert} 的。</translation>
    </message>
    <message>
        <source>{path} belongs to another version of this batch.</source>
        <translation>{path} 属于该批次的另一个版本。</translation>
    </message>
</context>
<context>
    <name>OtherPane</name>
    <message>
        <source>Open in the system&apos;s program</source>
        <translation>用系统程序打开</translation>
    </message>
</context>
<context>
    <name>PdfPane</name>
    <message>
        <source>Find in document</source>
        <translation>在文档中查找</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>上一处</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>下一处</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>{count} matches</source>
        <translation>共 {count} 处</translation>
    </message>
    <message>
        <source>match {n} of {count}</source>
        <translation>第 {n} / {count} 处</translation>
    </message>
</context>
<context>
    <name>PointsEditor</name>
    <message>
        <source>of {top} (step {step})</source>
        <translation>满分 {top}（步长 {step}）</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Print scoring sheets</source>
        <translation>打印评分表</translation>
    </message>
    <message>
        <source>&amp;Print:</source>
        <translation>打印内容(&amp;P)：</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Preparing the sheets…</source>
        <translation>正在生成评分表…</translation>
    </message>
    <message>
        <source>{pages} pages</source>
        <translation>共 {pages} 页</translation>
    </message>
    <message>
        <source>Printing needs QtPdf (the PySide6-Pdf wheel).</source>
        <translation>打印需要 QtPdf（PySide6-Pdf 组件）。</translation>
    </message>
    <message>
        <source>Save sheets as PDF</source>
        <translation>将评分表保存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>{pages} pages sent to the printer</source>
        <translation>已将 {pages} 页发送到打印机</translation>
    </message>
</context>
<context>
    <name>RecusalDialog</name>
    <message>
        <source>Declare a conflict of interest</source>
        <translation>声明利益冲突</translation>
    </message>
    <message>
        <source>You declare that you cannot score {submission} {platform} impartially. The submission will not be scored by you and the chair will see the reason. This is final: it cannot be undone.</source>
        <translation>您声明无法公正评审 {submission} {platform}。您将不再对该申报评分，评审组长会看到回避理由。此操作为最终决定，不能撤销。</translation>
    </message>
    <message>
        <source>Reason, e.g. consulted for the operator in 2023</source>
        <translation>回避理由，例如：2023年曾为申报单位提供咨询</translation>
    </message>
    <message>
        <source>I understand that this cannot be undone</source>
        <translation>我已知晓此操作不能撤销</translation>
    </message>
    <message>
        <source>Recuse</source>
        <translation>回避</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
</context>
<context>
    <name>ScoringForm</name>
    <message>
        <source>Declare conflict of interest…</source>
        <translation>声明利益冲突…</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Submission opinion</source>
        <translation>总体意见</translation>
    </message>
    <message>
        <source>Total {total} / {top}</source>
        <translation>合计 {total} / {top}</translation>
    </message>
    <message>
        <source>incl. bonus {bonus}</source>
        <translation>含加分 {bonus}</translation>
    </message>
    <message>
        <source>{state}: {scored} of {total} indicators scored</source>
        <translation>{state}：已评 {scored} / {total} 项</translation>
    </message>
    <message>
        <source>Recused: {reason}. This submission cannot be scored.</source>
        <translation>已回避：{reason}。该申报不能评分。</translation>
    </message>
    <message>
        <source>Subtotal {got} of {top}</source>
        <translation>小计 {got} / {top}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>What</source>
        <translation>功能</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Save the score and go to the next indicator</source>
        <translation>保存评分并转到下一指标</translation>
    </message>
    <message>
        <source>Go to the previous indicator</source>
        <translation>转到上一指标</translation>
    </message>
    <message>
        <source>Choose the n-th grade or yes/no answer</source>
        <translation>选择第 n 个等级或“是/否”</translation>
    </message>
    <message>
        <source>Accept the band suggestion (empty override)</source>
        <translation>采纳分档建议分（不填分数时）</translation>
    </message>
    <message>
        <source>Step the points up or down</source>
        <translation>按步长增减分数</translation>
    </message>
    <message>
        <source>Save a comment</source>
        <translation>保存评语</translation>
    </message>
    <message>
        <source>Go to score / comment / verified value</source>
        <translation>转到评分 / 评语 / 核实值</translation>
    </message>
</context>
<context>
    <name>SubmissionListModel</name>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Recused</source>
        <translation>已回避</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Recused: {reason}</source>
        <translation>已回避：{reason}</translation>
    </message>
</context>
<context>
    <name>SubmissionNoteForm</name>
    <message>
        <source>Overall opinion of the platform</source>
        <translation>对该平台的总体意见</translation>
    </message>
    <message>
        <source>(as declared)</source>
        <translation>（与申报一致）</translation>
    </message>
    <message>
        <source>Overall comment:</source>
        <translation>总体意见：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>平台类别：</translation>
    </message>
    <message>
        <source>Industry tags:</source>
        <translation>行业标签：</translation>
    </message>
    <message>
        <source>Domain tags:</source>
        <translation>领域标签：</translation>
    </message>
    <message>
        <source>Level suggestion:</source>
        <translation>建议等级：</translation>
    </message>
    <message>
        <source>The total now reaches: {level}</source>
        <translation>当前总分达到：{level}</translation>
    </message>
    <message>
        <source>The total now reaches no level</source>
        <translation>当前总分未达到任何等级</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（不建议）</translation>
    </message>
</context>
<context>
    <name>SubmissionsPane</name>
    <message>
        <source>Search number, platform, operator, region</source>
        <translation>搜索编号、平台、单位、地区</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <source>Submit your scores</source>
        <translation>提交评分</translation>
    </message>
    <message>
        <source>Submit your scores for {batch}</source>
        <translation>提交“{batch}”的评分</translation>
    </message>
    <message>
        <source>{scored} submissions scored, {recused} recused. This will be result {sequence}.</source>
        <translation>已评完 {scored} 份申报，回避 {recused} 份。本次为第 {sequence} 次提交。</translation>
    </message>
    <message>
        <source>Your scores are signed with your key and written to the result file for the chair. Then the scores lock: nothing can be changed until you unlock them with a reason, and submitting again replaces this result.</source>
        <translation>您的评分将用您的密钥签名，写入交给评审组长的结果文件。随后评分即被锁定：填写理由解锁之前不能修改；解锁后再次提交的结果将取代本次结果。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Expert:</source>
        <translation>专家：</translation>
    </message>
    <message>
        <source>key {fingerprint}</source>
        <translation>密钥 {fingerprint}</translation>
    </message>
    <message>
        <source>Signed with:</source>
        <translation>签名密钥：</translation>
    </message>
    <message>
        <source>&amp;Result file:</source>
        <translation>结果文件(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>Submit and lock</source>
        <translation>提交并锁定</translation>
    </message>
    <message>
        <source>This file exists and will be replaced.</source>
        <translation>该文件已存在，将被替换。</translation>
    </message>
    <message>
        <source>Result file</source>
        <translation>结果文件</translation>
    </message>
    <message>
        <source>Result files (*.esresult)</source>
        <translation>结果文件 (*.esresult)</translation>
    </message>
    <message>
        <source>Signing and writing the result file…</source>
        <translation>正在签名并写入结果文件…</translation>
    </message>
    <message>
        <source>Submitted, locked.</source>
        <translation>已提交，已锁定。</translation>
    </message>
    <message>
        <source>Give the result file to the chair; the printed sheet carries the same SHA-256 to compare.</source>
        <translation>请将结果文件交给评审组长；打印的评分表上印有相同的 SHA-256，可供核对。</translation>
    </message>
    <message>
        <source>Result file:</source>
        <translation>结果文件：</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>提交次序：</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256：</translation>
    </message>
    <message>
        <source>Print filled sheet…</source>
        <translation>打印已填评分表…</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>{sequence}, submitted {at}</source>
        <translation>第 {sequence} 次，提交于 {at}</translation>
    </message>
</context>
<context>
    <name>SubmitFlow</name>
    <message>
        <source>Not submitted: {count} indicators still have no score. Score them, then submit.</source>
        <translation>未提交：还有 {count} 项指标没有评分。请评完后再提交。</translation>
    </message>
    <message>
        <source>The batch roster names your key {fingerprint}, but it is not on this computer. Copy your key file ({expert}.eskey) into {folder} and submit again.</source>
        <translation>批次专家名单登记了您的密钥 {fingerprint}，但本机没有该密钥。请把您的密钥文件（{expert}.eskey）复制到 {folder} 后再提交。</translation>
    </message>
    <message>
        <source>Your key {fingerprint} was made.</source>
        <translation>已生成您的密钥 {fingerprint}。</translation>
    </message>
    <message>
        <source>Key card for the chair: {path}</source>
        <translation>交给评审组长的密钥卡：{path}</translation>
    </message>
    <message>
        <source>Your key was made, but its key card could not be saved ({problem}). Save it with File → Save my key card…</source>
        <translation>密钥已生成，但密钥卡未能保存（{problem}）。请通过“文件 → 保存我的密钥卡…”重新保存。</translation>
    </message>
    <message>
        <source>Result {sequence} written to {path}</source>
        <translation>第 {sequence} 次结果已写入 {path}</translation>
    </message>
    <message>
        <source>Unlocked. Submit again when you are done: that will be result {next}.</source>
        <translation>已解锁。修改完成后请再次提交：将是第 {next} 次结果。</translation>
    </message>
    <message>
        <source>Filled sheet: this submission ({sid})</source>
        <translation>已填评分表：当前申报（{sid}）</translation>
    </message>
    <message>
        <source>Filled sheets: all my submissions</source>
        <translation>已填评分表：我的全部申报</translation>
    </message>
    <message>
        <source>Blank sheet: this submission ({sid})</source>
        <translation>空白评分表：当前申报（{sid}）</translation>
    </message>
    <message>
        <source>Blank sheets: all my submissions</source>
        <translation>空白评分表：我的全部申报</translation>
    </message>
    <message>
        <source>Filled sheets carry result {sequence}&apos;s SHA-256 {digest} and key {fingerprint}.</source>
        <translation>已填评分表印有第 {sequence} 次结果的 SHA-256 {digest} 和密钥 {fingerprint}。</translation>
    </message>
    <message>
        <source>Not submitted yet: filled sheets carry no result SHA-256 (key {fingerprint}).</source>
        <translation>尚未提交：已填评分表不含结果文件的 SHA-256（密钥 {fingerprint}）。</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <source>Save my key card</source>
        <translation>保存我的密钥卡</translation>
    </message>
    <message>
        <source>Key cards (*.eskeycard)</source>
        <translation>密钥卡 (*.eskeycard)</translation>
    </message>
    <message>
        <source>The key card is signed with your key: type your passphrase.</source>
        <translation>密钥卡需用您的密钥签名：请输入口令。</translation>
    </message>
    <message>
        <source>Key card saved to {path}</source>
        <translation>密钥卡已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>Score {where}</source>
        <translation>评分 {where}</translation>
    </message>
    <message>
        <source>Comment {where}</source>
        <translation>评语 {where}</translation>
    </message>
    <message>
        <source>Verified value {where}</source>
        <translation>核实值 {where}</translation>
    </message>
    <message>
        <source>Pinned evidence {where}</source>
        <translation>关联佐证 {where}</translation>
    </message>
    <message>
        <source>Submission note {where}</source>
        <translation>总体意见 {where}</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock the submitted scores</source>
        <translation>解锁已提交的评分</translation>
    </message>
    <message>
        <source>Result {sequence} was submitted on {at}. Unlocking lets you change the scores; the chair will see the reason. Submit again afterwards: the new result {next} replaces result {sequence}. What was changed before the submission can no longer be undone.</source>
        <translation>第 {sequence} 次结果已于 {at} 提交。解锁后可以修改评分，评审组长会看到解锁理由。修改后请再次提交：新的第 {next} 次结果将取代第 {sequence} 次结果。提交之前的修改不能再撤销。</translation>
    </message>
    <message>
        <source>Reason, e.g. the chair asked to re-check 2.1</source>
        <translation>理由，例如：评审组长要求复核 2.1</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
</context>
</TS>
