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
        <source>Show the reported value in the evidence</source>
        <translation>在佐证中查看填报值</translation>
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
        <source>Save the submitted &amp;result file again…</source>
        <translation>再次保存已提交的结果文件(&amp;R)…</translation>
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
    <message>
        <source>Search &amp;all evidence…</source>
        <translation>检索全部佐证(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>AssignmentGridModel</name>
    <message>
        <source>Experts</source>
        <translation>专家数</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>承担数</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>利益冲突</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Not assigned: too few experts free of conflicts (see below)</source>
        <translation>未分配：无利益冲突的专家不足（见下方）</translation>
    </message>
</context>
<context>
    <name>AssignmentsPage</name>
    <message>
        <source>as above</source>
        <translation>同上</translation>
    </message>
    <message>
        <source>Indicator group</source>
        <translation>指标组</translation>
    </message>
    <message>
        <source>Scored by</source>
        <translation>评分专家</translation>
    </message>
    <message>
        <source>Undo hand changes</source>
        <translation>撤销手动调整</translation>
    </message>
    <message>
        <source>Experts per submission:</source>
        <translation>每个申报的专家数：</translation>
    </message>
    <message>
        <source>Experts per split group:</source>
        <translation>每个分组的专家数：</translation>
    </message>
    <message>
        <source>The automatic assignment keeps every conflict of interest apart and balances the loads. Click a cell to assign or unassign by hand.</source>
        <translation>自动分配会避开所有利益冲突并均衡各专家的评审量。点击单元格可手动分配或取消分配。</translation>
    </message>
    <message>
        <source>the whole panel</source>
        <translation>全体专家</translation>
    </message>
    <message>
        <source>role {role} only</source>
        <translation>仅{role}专家</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>merge: {outcome}</source>
        <translation>合并：{outcome}</translation>
    </message>
    <message>
        <source>key confirmed</source>
        <translation>密钥已核对</translation>
    </message>
    <message>
        <source>agreed panel score</source>
        <translation>组长认定分</translation>
    </message>
    <message>
        <source>agreed score withdrawn</source>
        <translation>撤回认定分</translation>
    </message>
    <message>
        <source>second round</source>
        <translation>第二轮评分</translation>
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
    <name>ChairActions</name>
    <message>
        <source>&amp;New merge…</source>
        <translation>新建合并(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open merge…</source>
        <translation>打开合并(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Merge result files…</source>
        <translation>合并结果文件(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>重新载入(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Agreed panel score…</source>
        <translation>组长认定分(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Withdraw agreed score…</source>
        <translation>撤回认定分(&amp;W)…</translation>
    </message>
    <message>
        <source>Send to a &amp;second round…</source>
        <translation>发起第二轮评分(&amp;S)…</translation>
    </message>
    <message>
        <source>Panel&apos;s &amp;verified value…</source>
        <translation>专家组核实值(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Confirm an expert&apos;s key…</source>
        <translation>核对专家密钥(&amp;C)…</translation>
    </message>
    <message>
        <source>Merge members&apos; &amp;notes…</source>
        <translation>合并专家意见文件(&amp;N)…</translation>
    </message>
    <message>
        <source>Type in a &amp;paper statement…</source>
        <translation>录入纸质意见(&amp;P)…</translation>
    </message>
    <message>
        <source>Export results &amp;workbook…</source>
        <translation>导出结果工作簿(&amp;W)…</translation>
    </message>
    <message>
        <source>Export signed &amp;panel results file…</source>
        <translation>导出已签名的评审结果文件(&amp;P)…</translation>
    </message>
    <message>
        <source>Export PDF &amp;report…</source>
        <translation>导出 PDF 报告(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Decisions</source>
        <translation>组长决定(&amp;D)</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>评审组长</translation>
    </message>
    <message>
        <source>Show the reported value in the evidence</source>
        <translation>在佐证中查看填报值</translation>
    </message>
    <message>
        <source>Search all evidence…</source>
        <translation>检索全部佐证…</translation>
    </message>
</context>
<context>
    <name>ChairDetail</name>
    <message>
        <source>recused: {reason}</source>
        <translation>已回避：{reason}</translation>
    </message>
    <message>
        <source>no result yet</source>
        <translation>尚无结果</translation>
    </message>
    <message>
        <source>trimmed</source>
        <translation>已剔除</translation>
    </message>
    <message>
        <source>Maximum: {maximum}</source>
        <translation>满分：{maximum}</translation>
    </message>
    <message>
        <source>Reported value: {value}</source>
        <translation>申报值：{value}</translation>
    </message>
    <message>
        <source>Agreed panel score {points} (computed {exact}), cause: {cause}; reason: {reason}</source>
        <translation>组长认定分 {points}（计算值 {exact}），修正原因：{cause}；理由：{reason}</translation>
    </message>
    <message>
        <source>Panel score: {points}, from {experts}</source>
        <translation>评审组得分：{points}，取自 {experts}</translation>
    </message>
    <message>
        <source>Spread: {spread}</source>
        <translation>极差：{spread}</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未解决</translation>
    </message>
    <message>
        <source>resolved by the verified value</source>
        <translation>已由专家组核实值解决</translation>
    </message>
    <message>
        <source>resolved by the agreed score</source>
        <translation>已由组长认定分解决</translation>
    </message>
    <message>
        <source>Values given: {values}</source>
        <translation>各专家给出的值：{values}</translation>
    </message>
    <message>
        <source>The panel&apos;s verified value: {value} (recorded by {by}: {reason})</source>
        <translation>专家组核实值：{value}（记录人 {by}：{reason}）</translation>
    </message>
    <message>
        <source>Second round requested from {experts}: {reason}</source>
        <translation>已请 {experts} 进行第二轮评分：{reason}</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Verified value</source>
        <translation>核实值</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Choose an indicator to see every expert&apos;s score and comment.</source>
        <translation>选择一个指标，查看每位专家的评分和意见。</translation>
    </message>
</context>
<context>
    <name>ChairEvidencePane</name>
    <message>
        <source>Evidence the experts pinned</source>
        <translation>专家固定查看的佐证材料</translation>
    </message>
    <message>
        <source>No expert pinned evidence for this indicator.</source>
        <translation>没有专家为该指标固定佐证材料。</translation>
    </message>
    <message>
        <source>{expert}: {file}</source>
        <translation>{expert}：{file}</translation>
    </message>
    <message>
        <source>{expert}: {file}, page {page}</source>
        <translation>{expert}：{file}，第 {page} 页</translation>
    </message>
</context>
<context>
    <name>ChairGapsModel</name>
    <message>
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>Submission</source>
        <translation>申报</translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation>缺项</translation>
    </message>
    <message>
        <source>all assigned</source>
        <translation>全部分配的申报</translation>
    </message>
</context>
<context>
    <name>ChairLocator</name>
    <message>
        <source>The evidence could not be indexed: {error}</source>
        <translation>佐证索引未能建立：{error}</translation>
    </message>
    <message>
        <source>{title} p.{page}</source>
        <translation>{title} 第{page}页</translation>
    </message>
    <message>
        <source>Found in the evidence: {pages}</source>
        <translation>佐证中可见：{pages}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The evidence is still being indexed…</source>
        <translation>佐证索引尚在建立中…</translation>
    </message>
    <message>
        <source>The evidence has no text to search</source>
        <translation>佐证中没有可检索的文字</translation>
    </message>
    <message>
        <source>Not found in any evidence</source>
        <translation>佐证中未找到该值</translation>
    </message>
    <message>
        <source>No evidence page shows this value</source>
        <translation>没有佐证页显示该值</translation>
    </message>
</context>
<context>
    <name>ChairMembers</name>
    <message>
        <source>Members&apos; notes</source>
        <translation>专家意见文件</translation>
    </message>
    <message>
        <source>Notes (*.esnote);;All files (*)</source>
        <translation>意见文件 (*.esnote);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ChairRequestDialog</name>
    <message>
        <source>The chair&apos;s request</source>
        <translation>组长的请求</translation>
    </message>
    <message>
        <source>Chair:</source>
        <translation>组长：</translation>
    </message>
    <message>
        <source>Results:</source>
        <translation>评审结果：</translation>
    </message>
    <message>
        <source>Your total deviates {deviation}% from the panel&apos;s mean: explain it.</source>
        <translation>您的总分偏离专家平均总分 {deviation}%，请作书面说明。</translation>
    </message>
    <message>
        <source>Explanation:</source>
        <translation>书面说明：</translation>
    </message>
    <message>
        <source>The chair asks you for no explanation.</source>
        <translation>组长未请您作书面说明。</translation>
    </message>
    <message>
        <source>No statement now</source>
        <translation>暂不提交书面意见</translation>
    </message>
    <message>
        <source>I agree with the results</source>
        <translation>同意评审结果</translation>
    </message>
    <message>
        <source>I dissent from the results</source>
        <translation>不同意评审结果</translation>
    </message>
    <message>
        <source>&amp;Statement:</source>
        <translation>书面意见(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Reasons:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>密钥：</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>Sign and save</source>
        <translation>签名并保存</translation>
    </message>
    <message>
        <source>Write an explanation or choose your statement.</source>
        <translation>请填写书面说明，或选择书面意见。</translation>
    </message>
    <message>
        <source>A dissent needs your reasons.</source>
        <translation>不同意须写明理由。</translation>
    </message>
    <message>
        <source>Type your passphrase to sign.</source>
        <translation>请输入口令以签名。</translation>
    </message>
</context>
<context>
    <name>ChairTexts</name>
    <message>
        <source>Summing error</source>
        <translation>分值汇总计算错误</translation>
    </message>
    <message>
        <source>Score outside the allowed range</source>
        <translation>分项评分超出评分标准规定的分值范围</translation>
    </message>
    <message>
        <source>Inconsistent scores of an objective item</source>
        <translation>评审专家对客观评审因素评分不一致</translation>
    </message>
    <message>
        <source>Score judged abnormally high or low</source>
        <translation>经专家组认定评分畸高、畸低</translation>
    </message>
    <message>
        <source>No cause recorded (earlier record)</source>
        <translation>未注明（早期记录）</translation>
    </message>
    <message>
        <source>grade {before}→{after}</source>
        <translation>等级 {before}→{after}</translation>
    </message>
    <message>
        <source>rank {before}→{after}</source>
        <translation>排名 {before}→{after}</translation>
    </message>
    <message>
        <source>without {expert}: {changes}</source>
        <translation>去掉 {expert} 时：{changes}</translation>
    </message>
</context>
<context>
    <name>ChairUnlock</name>
    <message>
        <source>Files encrypted to the panel are opened with your key: type its passphrase.</source>
        <translation>加密给评审组的文件须用您的密钥打开：请输入其口令。</translation>
    </message>
    <message>
        <source>Open with your key</source>
        <translation>用您的密钥打开</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
</context>
<context>
    <name>ChairWindow</name>
    <message>
        <source>ExpertScore {version} — panel chair</source>
        <translation>ExpertScore {version} — 评审组长</translation>
    </message>
    <message>
        <source>Open a merge folder: File → Open merge…</source>
        <translation>请打开合并文件夹：文件 → 打开合并…</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Decisions and audit log</source>
        <translation>决定与审计日志</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>专家组成员</translation>
    </message>
    <message>
        <source>Verifying the merged results…</source>
        <translation>正在校验已合并的结果…</translation>
    </message>
    <message>
        <source>ExpertScore {version} — panel chair — {title}</source>
        <translation>ExpertScore {version} — 评审组长 — {title}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; ({batch}) — {accepted} of {experts} experts&apos; results merged — folder {folder}</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt;（{batch}）— 已合并 {experts} 位专家中 {accepted} 位的结果 — 文件夹 {folder}</translation>
    </message>
    <message>
        <source>What is missing: {count}</source>
        <translation>缺项：{count}</translation>
    </message>
    <message>
        <source>Nothing is missing: every assigned expert&apos;s result is merged.</source>
        <translation>没有缺项：所有分配专家的结果均已合并。</translation>
    </message>
    <message>
        <source>{count} submissions ranked</source>
        <translation>已对 {count} 个申报排名</translation>
    </message>
    <message>
        <source>Panel chair</source>
        <translation>评审组长</translation>
    </message>
    <message>
        <source>experts whose total is far from the others&apos;: {experts}</source>
        <translation>总分明显偏离其他专家的：{experts}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{submission}&lt;/b&gt; — rank {rank} — total {total} ({percent}%) — grade {grade}</source>
        <translation>&lt;b&gt;{submission}&lt;/b&gt; — 第 {rank} 名 — 总分 {total}（{percent}%）— 等级 {grade}</translation>
    </message>
    <message>
        <source>Choose an indicator in the matrix first.</source>
        <translation>请先在评分矩阵中选择一个指标。</translation>
    </message>
    <message>
        <source>This indicator has no agreed score.</source>
        <translation>该指标没有组长认定分。</translation>
    </message>
    <message>
        <source>The expert&apos;s result file</source>
        <translation>专家的结果文件</translation>
    </message>
    <message>
        <source>Result files (*.esresult);;All files (*)</source>
        <translation>结果文件 (*.esresult);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Results workbook</source>
        <translation>结果工作簿</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx)</source>
        <translation>工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Encrypt the workbook to the &amp;authority</source>
        <translation>将结果工作簿加密给主管部门(&amp;A)</translation>
    </message>
    <message>
        <source>PDF report</source>
        <translation>PDF 报告</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Encrypt the report to the &amp;authority</source>
        <translation>将 PDF 报告加密给主管部门(&amp;A)</translation>
    </message>
    <message>
        <source>Signed panel results file</source>
        <translation>已签名的评审结果文件</translation>
    </message>
    <message>
        <source>Panel results files (*.espanel)</source>
        <translation>评审结果文件 (*.espanel)</translation>
    </message>
    <message>
        <source>The panel results file is signed with your own key as the panel chair.</source>
        <translation>评审结果文件将以评审组长身份用您本人的密钥签名。</translation>
    </message>
    <message>
        <source>Results workbook written: {path}</source>
        <translation>已写入结果工作簿：{path}</translation>
    </message>
    <message>
        <source>Signed panel results file written: {path}</source>
        <translation>已写入已签名的评审结果文件：{path}</translation>
    </message>
    <message>
        <source>PDF report written: {path}</source>
        <translation>已写入 PDF 报告：{path}</translation>
    </message>
</context>
<context>
    <name>ChecksEditor</name>
    <message>
        <source>Tick each shortcoming found:</source>
        <translation>勾选发现的每项不足（每项扣相应分数）：</translation>
    </message>
    <message>
        <source>0  No shortcoming</source>
        <translation>0  无不足（满分）</translation>
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
    <name>ConfirmKeyDialog</name>
    <message>
        <source>Confirm an expert&apos;s key</source>
        <translation>核对专家密钥</translation>
    </message>
    <message>
        <source>Result file:</source>
        <translation>结果文件：</translation>
    </message>
    <message>
        <source>Expert:</source>
        <translation>专家：</translation>
    </message>
    <message>
        <source>Fingerprint on the paper sheet:</source>
        <translation>纸质评分表上的指纹：</translation>
    </message>
    <message>
        <source>Type the key fingerprint printed on the expert&apos;s signed paper sheet. The key is accepted for {expert} only if it matches the key that signed this file.</source>
        <translation>请输入专家签字的纸质评分表上印的密钥指纹。只有与签署此文件的密钥一致时，才会为 {expert} 接受该密钥。</translation>
    </message>
    <message>
        <source>A transcribed result has no expert key to confirm.</source>
        <translation>转录的结果没有可核对的专家密钥。</translation>
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
        <source>SM2 (national SM2/SM3 cryptography), as the batch asks</source>
        <translation>SM2（国密 SM2/SM3），按批次要求</translation>
    </message>
    <message>
        <source>Algorithm:</source>
        <translation>签名算法：</translation>
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
    <name>DistributionChart</name>
    <message>
        <source>Score distribution</source>
        <translation>评分分布</translation>
    </message>
    <message>
        <source>Scores of {submission} by indicator (% of the maximum)</source>
        <translation>{submission} 各指标评分（占满分的百分比）</translation>
    </message>
    <message>
        <source>% of the maximum</source>
        <translation>占满分 %</translation>
    </message>
    <message>
        <source>Panel score</source>
        <translation>评审组得分</translation>
    </message>
</context>
<context>
    <name>EncryptToDialog</name>
    <message>
        <source>&amp;Write</source>
        <translation>写入(&amp;W)</translation>
    </message>
</context>
<context>
    <name>EncryptToField</name>
    <message>
        <source>Key card (.eskeycard) or age recipients file</source>
        <translation>密钥卡（.eskeycard）或 age 接收方文件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Encrypt to</source>
        <translation>加密给</translation>
    </message>
    <message>
        <source>Key cards (*.eskeycard);;All files (*)</source>
        <translation>密钥卡 (*.eskeycard);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Not encrypted: whoever has the file can read it.</source>
        <translation>不加密：拿到文件的任何人都能读取其内容。</translation>
    </message>
    <message>
        <source>Encrypted to {owner}.</source>
        <translation>加密给 {owner}。</translation>
    </message>
    <message>
        <source>Encrypted to {count} age recipients.</source>
        <translation>加密给 {count} 个 age 接收方。</translation>
    </message>
    <message>
        <source>Choose the key card to encrypt to.</source>
        <translation>请选择要加密给的密钥卡。</translation>
    </message>
</context>
<context>
    <name>EvidenceIndexing</name>
    <message>
        <source>Indexing the evidence: {done} of {total} files</source>
        <translation>正在建立佐证索引：{done}/{total} 个文件</translation>
    </message>
    <message>
        <source>Indexing the evidence…</source>
        <translation>正在建立佐证索引…</translation>
    </message>
    <message>
        <source>The evidence could not be indexed: {error}</source>
        <translation>佐证索引未能建立：{error}</translation>
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
    <name>EvidenceSearchBox</name>
    <message>
        <source>Search all evidence</source>
        <translation>检索全部佐证</translation>
    </message>
    <message>
        <source>Text to find in the evidence</source>
        <translation>要在佐证中查找的文字</translation>
    </message>
    <message>
        <source>In all submissions (Alt+A)</source>
        <translation>在全部申报中 (Alt+A)</translation>
    </message>
    <message>
        <source>The first {count} matches</source>
        <translation>前 {count} 处</translation>
    </message>
    <message>
        <source>{count} matches</source>
        <translation>共 {count} 处</translation>
    </message>
    <message>
        <source>Not found in any evidence</source>
        <translation>佐证中未找到</translation>
    </message>
    <message>
        <source> ({left} files are still being indexed)</source>
        <translation>（尚有 {left} 个文件在建立索引）</translation>
    </message>
    <message>
        <source>sheet {sheet}</source>
        <translation>工作表 {sheet}</translation>
    </message>
    <message>
        <source>p.{page}</source>
        <translation>第{page}页</translation>
    </message>
</context>
<context>
    <name>EvidenceTypes</name>
    <message>
        <source>a PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <source>a PNG picture</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <source>a JPEG picture</source>
        <translation>JPEG 图片</translation>
    </message>
    <message>
        <source>a GIF picture</source>
        <translation>GIF 图片</translation>
    </message>
    <message>
        <source>an Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <source>a Word document</source>
        <translation>Word 文档</translation>
    </message>
    <message>
        <source>a PowerPoint presentation</source>
        <translation>PowerPoint 演示文稿</translation>
    </message>
    <message>
        <source>an Excel workbook with macros</source>
        <translation>含宏的 Excel 工作簿</translation>
    </message>
    <message>
        <source>an Office document with macros</source>
        <translation>含宏的 Office 文档</translation>
    </message>
    <message>
        <source>an old-format Office document</source>
        <translation>旧格式 Office 文档</translation>
    </message>
    <message>
        <source>{size} rows (at most {limit} are shown)</source>
        <translation>{size} 行（最多显示 {limit} 行）</translation>
    </message>
    <message>
        <source>{size} columns (at most {limit} are shown)</source>
        <translation>{size} 列（最多显示 {limit} 列）</translation>
    </message>
    <message>
        <source>{size} cells (at most {limit} are shown)</source>
        <translation>{size} 个单元格（最多显示 {limit} 个）</translation>
    </message>
    <message>
        <source>{size} pixels (at most {limit} are shown)</source>
        <translation>{size} 像素（最多显示 {limit} 像素）</translation>
    </message>
    <message>
        <source>{size} bytes (at most {limit} are read)</source>
        <translation>{size} 字节（最多读取 {limit} 字节）</translation>
    </message>
    <message>
        <source>“{title}” is {type} by its content. ExpertScore opens only these types outside the program: {allowed}.</source>
        <translation>按内容判断，“{title}”是{type}。ExpertScore 只允许用外部程序打开以下类型：{allowed}。</translation>
    </message>
    <message>
        <source>Open “{title}” in the system&apos;s program? By its content it is {type}; a copy named by that type is opened, not the operator&apos;s file name.</source>
        <translation>用系统程序打开“{title}”吗？按内容判断它是{type}；打开的是按该类型重新命名的副本，而不是运营方提供的文件名。</translation>
    </message>
    <message>
        <source>a zip archive</source>
        <translation>zip 压缩包</translation>
    </message>
    <message>
        <source>a damaged zip-based file</source>
        <translation>已损坏的 zip 格式文件</translation>
    </message>
    <message>
        <source>a program</source>
        <translation>可执行程序</translation>
    </message>
    <message>
        <source>a script</source>
        <translation>脚本</translation>
    </message>
    <message>
        <source>a web page (HTML)</source>
        <translation>网页（HTML）</translation>
    </message>
    <message>
        <source>an SVG drawing</source>
        <translation>SVG 图形</translation>
    </message>
    <message>
        <source>an XML file</source>
        <translation>XML 文件</translation>
    </message>
    <message>
        <source>a text file</source>
        <translation>文本文件</translation>
    </message>
    <message>
        <source>a file of unknown type</source>
        <translation>未知类型的文件</translation>
    </message>
    <message>
        <source>This file is too large to be shown here: {what}.</source>
        <translation>此文件过大，无法在此显示：{what}。</translation>
    </message>
    <message>
        <source>This file cannot be shown here: it is damaged or not what it claims ({reason}).</source>
        <translation>此文件无法在此显示：文件已损坏或与其声称的类型不符（{reason}）。</translation>
    </message>
    <message>
        <source>Open in the system&apos;s program</source>
        <translation>用系统程序打开</translation>
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
        <source>This file cannot be read ({error}).</source>
        <translation>无法读取此文件（{error}）。</translation>
    </message>
    <message>
        <source>This file is {type}; it cannot be shown here.</source>
        <translation>此文件是{type}，无法在此显示。</translation>
    </message>
    <message>
        <source>Opening the file…</source>
        <translation>正在打开文件…</translation>
    </message>
    <message>
        <source>Only the start of this file is shown.</source>
        <translation>仅显示此文件的开头部分。</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <source>The round&apos;s package</source>
        <translation>本轮的批次包</translation>
    </message>
    <message>
        <source>Batch packages (*.esbatch)</source>
        <translation>批次包 (*.esbatch)</translation>
    </message>
    <message>
        <source>Also print blank scoring sheets for the round</source>
        <translation>同时打印本轮的空白评分表</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Organizer:</source>
        <translation>组织方：</translation>
    </message>
    <message>
        <source>A new id for this round; the authority&apos;s batch id is kept in the title.</source>
        <translation>本轮的新编号；主管部门的批次编号保留在标题中。</translation>
    </message>
    <message>
        <source>Who prepares the round, as every expert and the chair will see it.</source>
        <translation>组织本轮评审的单位，每位专家和组长都会看到。</translation>
    </message>
    <message>
        <source>Ed25519 (default)</source>
        <translation>Ed25519（默认）</translation>
    </message>
    <message>
        <source>SM2 (national SM2/SM3 cryptography)</source>
        <translation>SM2（国密 SM2/SM3）</translation>
    </message>
    <message>
        <source>How every file of the round is signed: the package, the experts&apos; key cards and results, the chair&apos;s panel file. Every key of the round must be of it.</source>
        <translation>本轮所有文件的签名方式：批次包、专家的密钥卡和评分结果、组长的评审组结果文件。本轮的每个密钥都须使用该算法。</translation>
    </message>
    <message>
        <source>Carry the evidence&apos;s page texts (experts&apos; programs need not extract them)</source>
        <translation>随包附带佐证各页文字（专家端无需再提取）</translation>
    </message>
    <message>
        <source>Encrypt the package to the panel (the roster, the organizer, the chair)</source>
        <translation>将批次包加密给评审组（名单中的专家、组织方、组长）</translation>
    </message>
    <message>
        <source>The chair&apos;s key card</source>
        <translation>组长的密钥卡</translation>
    </message>
    <message>
        <source>Key cards (*.eskeycard)</source>
        <translation>密钥卡 (*.eskeycard)</translation>
    </message>
    <message>
        <source>The chair can open the encrypted package too.</source>
        <translation>组长也能打开加密的批次包。</translation>
    </message>
    <message>
        <source>Sign and export</source>
        <translation>签名并导出</translation>
    </message>
    <message>
        <source>Batch id of the round:</source>
        <translation>本轮批次编号：</translation>
    </message>
    <message>
        <source>Signature algorithm:</source>
        <translation>签名算法：</translation>
    </message>
    <message>
        <source>Sign with:</source>
        <translation>签名密钥：</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <source>Package file:</source>
        <translation>批次包文件：</translation>
    </message>
    <message>
        <source>Chair&apos;s key card:</source>
        <translation>组长的密钥卡：</translation>
    </message>
</context>
<context>
    <name>ExportStep</name>
    <message>
        <source>SM2</source>
        <translation>SM2（国密）</translation>
    </message>
    <message>
        <source>Ed25519</source>
        <translation>Ed25519</translation>
    </message>
    <message>
        <source>Open the authority&apos;s export first.</source>
        <translation>请先打开主管部门导出的数据。</translation>
    </message>
    <message>
        <source>{count} submissions cannot be assigned yet (step 4).</source>
        <translation>还有 {count} 个申报无法分配（第 4 步）。</translation>
    </message>
    <message>
        <source>The key of {expert} is {found}, but this round is signed with {expected}: ask for a key card of {expected}, or choose {found}.</source>
        <translation>{expert} 的密钥为 {found}，但本轮使用 {expected} 签名：请其提供 {expected} 密钥卡，或改选 {found}。</translation>
    </message>
    <message>
        <source>Give the organizer&apos;s name.</source>
        <translation>请填写组织方名称。</translation>
    </message>
    <message>
        <source>The batch id needs 1–64 of A–Z a–z 0–9 . _ -, starting with a letter or digit.</source>
        <translation>批次编号须为 1–64 个 A–Z a–z 0–9 . _ - 字符，以字母或数字开头。</translation>
    </message>
    <message>
        <source>Make an organizer key to sign with.</source>
        <translation>请先生成用于签名的组织方密钥。</translation>
    </message>
    <message>
        <source>Type the passphrase of the organizer key.</source>
        <translation>请输入组织方密钥的口令。</translation>
    </message>
    <message>
        <source>Choose where the package goes.</source>
        <translation>请选择批次包的保存位置。</translation>
    </message>
    <message>
        <source>Wrong passphrase for the organizer key.</source>
        <translation>组织方密钥的口令不正确。</translation>
    </message>
    <message>
        <source>The key {fingerprint} belongs to {expert}, who is on the roster: a panel member can never sign the batch.</source>
        <translation>密钥 {fingerprint} 属于专家名单中的 {expert}：评审专家不能为批次签名。</translation>
    </message>
    <message>
        <source>{where}: the key is {found}, but this round is signed with {expected}.</source>
        <translation>{where}：该密钥为 {found}，但本轮使用 {expected} 签名。</translation>
    </message>
    <message>
        <source>Writing the round&apos;s package…</source>
        <translation>正在写入本轮批次包…</translation>
    </message>
    <message>
        <source>signed by {signer}</source>
        <translation>签名人：{signer}</translation>
    </message>
    <message>
        <source>not signed</source>
        <translation>未签名</translation>
    </message>
    <message>
        <source>, encrypted to {count} keys</source>
        <translation>，已加密给 {count} 把密钥</translation>
    </message>
    <message>
        <source>Package written: {path} ({signed}); batch {batch}, organizer {organizer}; {experts} experts, {assignments} assignments.</source>
        <translation>批次包已写入：{path}（{signed}）；批次 {batch}，组织方 {organizer}；{experts} 位专家，{assignments} 项分配。</translation>
    </message>
    <message>
        <source>Blank sheets: {path}</source>
        <translation>空白评分表：{path}</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Writing the results workbook…</source>
        <translation>正在写入结果工作簿…</translation>
    </message>
    <message>
        <source>Signing the panel results file…</source>
        <translation>正在签署评审结果文件…</translation>
    </message>
    <message>
        <source>Writing the PDF report…</source>
        <translation>正在写入 PDF 报告…</translation>
    </message>
</context>
<context>
    <name>FamiliarityBox</name>
    <message>
        <source>(not marked)</source>
        <translation>（未标注）</translation>
    </message>
    <message>
        <source>Familiar</source>
        <translation>熟悉</translation>
    </message>
    <message>
        <source>Fairly familiar</source>
        <translation>较熟悉</translation>
    </message>
    <message>
        <source>Moderately familiar</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>How familiar you are with this platform; the chair sees it</source>
        <translation>您对该平台的熟悉程度；专家组组长可以看到</translation>
    </message>
</context>
<context>
    <name>FileList</name>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>FlagBar</name>
    <message>
        <source>Unresolved flags only</source>
        <translation>只看未解决的提示</translation>
    </message>
    <message>
        <source>far apart</source>
        <translation>分歧大</translation>
    </message>
    <message>
        <source>highest / lowest</source>
        <translation>最高 / 最低分</translation>
    </message>
    <message>
        <source>re-verify</source>
        <translation>需复核</translation>
    </message>
    <message>
        <source>too few experts</source>
        <translation>专家数不足</translation>
    </message>
    <message>
        <source>second round</source>
        <translation>第二轮评分</translation>
    </message>
    <message>
        <source>agreed score</source>
        <translation>组长认定分</translation>
    </message>
    <message>
        <source>grey italic: trimmed</source>
        <translation>灰色斜体：已剔除</translation>
    </message>
    <message>
        <source>red corner: comment</source>
        <translation>红色角标：有意见</translation>
    </message>
</context>
<context>
    <name>FoundLine</name>
    <message>
        <source>The evidence is still being indexed…</source>
        <translation>佐证索引尚在建立中…</translation>
    </message>
    <message>
        <source>The evidence has no text to search</source>
        <translation>佐证中没有可检索的文字</translation>
    </message>
    <message>
        <source>Not found in any evidence</source>
        <translation>佐证中未找到该值</translation>
    </message>
    <message>
        <source>{title} p.{page}</source>
        <translation>{title} 第{page}页</translation>
    </message>
    <message>
        <source>Found in the evidence: {pages}</source>
        <translation>佐证中可见：{pages}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
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
        <source>Co&amp;mment:</source>
        <translation>评语(&amp;M)：</translation>
    </message>
    <message>
        <source>S&amp;core:</source>
        <translation>评分(&amp;C)：</translation>
    </message>
    <message>
        <source>Ve&amp;rified value:</source>
        <translation>核实值(&amp;R)：</translation>
    </message>
    <message>
        <source>Ev&amp;idence:</source>
        <translation>佐证(&amp;I)：</translation>
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
        <source>Unlocked {at} ({reason}). The chair still has result {sequence}: what you change now reaches the chair only when you submit again.</source>
        <translation>已于 {at} 解锁（{reason}）。组长手中仍是第 {sequence} 份结果：现在所做的修改，只有再次提交后才会送达组长。</translation>
    </message>
    <message>
        <source>Not submitted again</source>
        <translation>尚未再次提交</translation>
    </message>
    <message>
        <source>Your scores are unlocked and not submitted again.</source>
        <translation>您的评分已解锁，尚未再次提交。</translation>
    </message>
    <message>
        <source>&amp;Quit anyway</source>
        <translation>仍然退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Print filled sheet…</source>
        <translation>打印已填评分表…</translation>
    </message>
    <message>
        <source>Unlock…</source>
        <translation>解锁…</translation>
    </message>
    <message>
        <source>Submit again…</source>
        <translation>再次提交…</translation>
    </message>
    <message>
        <source>Unlocked, not submitted again</source>
        <translation>已解锁，尚未再次提交</translation>
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
    <name>LockPage</name>
    <message>
        <source>The session was locked after a time without use; its key is no longer in memory. Type the passphrase to go on where you were.</source>
        <translation>会话因一段时间未使用已锁定，其密钥已不在内存中。输入口令后从原处继续。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{expert}: {assigned} submissions assigned, {recused} recused</source>
        <translation>{expert}：分配 {assigned} 份申报，回避 {recused} 份</translation>
    </message>
    <message>
        <source>Encrypted session</source>
        <translation>会话已加密</translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation>未加密</translation>
    </message>
    <message>
        <source>No evidence page shows this value</source>
        <translation>没有佐证页显示该值</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>ExpertScore</source>
        <translation>ExpertScore 专家评分</translation>
    </message>
</context>
<context>
    <name>MatrixModel</name>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>满分</translation>
    </message>
    <message>
        <source>Panel</source>
        <translation>评审组</translation>
    </message>
    <message>
        <source>Spread</source>
        <translation>极差</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>recused</source>
        <translation>已回避</translation>
    </message>
    <message>
        <source>Declared a conflict of interest: {reason}</source>
        <translation>已声明利益冲突：{reason}</translation>
    </message>
    <message>
        <source>No result file accepted yet.</source>
        <translation>尚未接受结果文件。</translation>
    </message>
    <message>
        <source>Not scored.</source>
        <translation>未评分。</translation>
    </message>
    <message>
        <source>Score: {points} of {maximum}</source>
        <translation>得分：{points}（满分 {maximum}）</translation>
    </message>
    <message>
        <source>Second round score</source>
        <translation>第二轮评分</translation>
    </message>
    <message>
        <source>Dropped by the trimming (highest or lowest).</source>
        <translation>按截尾规则剔除（最高或最低）。</translation>
    </message>
    <message>
        <source>Verified value: {value}</source>
        <translation>核实值：{value}</translation>
    </message>
    <message>
        <source>Comment: {comment}</source>
        <translation>意见：{comment}</translation>
    </message>
    <message>
        <source>Agreed panel score {points}: {reason}</source>
        <translation>组长认定分 {points}：{reason}</translation>
    </message>
    <message>
        <source>Computed from {experts}</source>
        <translation>由 {experts} 的评分计算</translation>
    </message>
    <message>
        <source>{flags}: resolved by the agreed score</source>
        <translation>{flags}：已由组长认定分解决</translation>
    </message>
    <message>
        <source>agreed score</source>
        <translation>认定分</translation>
    </message>
    <message>
        <source>re-verify: resolved by the verified value {value}</source>
        <translation>需复核：已由专家组核实值 {value} 解决</translation>
    </message>
    <message>
        <source>second round</source>
        <translation>第二轮</translation>
    </message>
    <message>
        <source>Values given: {values}</source>
        <translation>各专家给出的值：{values}</translation>
    </message>
    <message>
        <source>Second round requested from {experts}: {reason}</source>
        <translation>已请 {experts} 进行第二轮评分：{reason}</translation>
    </message>
    <message>
        <source>Reported value: {value}</source>
        <translation>申报值：{value}</translation>
    </message>
</context>
<context>
    <name>MembersModel</name>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Written explanations</source>
        <translation>书面说明</translation>
    </message>
    <message>
        <source>no statement</source>
        <translation>未提交书面意见</translation>
    </message>
    <message>
        <source>agrees</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>dissents: {reasons}</source>
        <translation>不同意：{reasons}</translation>
    </message>
    <message>
        <source>{text} (on paper, typed in by {chair})</source>
        <translation>{text}（纸质意见，由 {chair} 录入）</translation>
    </message>
    <message>
        <source>{text} (signed, key {key}; about other results: stale)</source>
        <translation>{text}（已签名，密钥 {key}；针对其他评审结果，已过期）</translation>
    </message>
    <message>
        <source>{text} (signed, key {key})</source>
        <translation>{text}（已签名，密钥 {key}）</translation>
    </message>
    <message>
        <source>{sid}: missing</source>
        <translation>{sid}：未收到</translation>
    </message>
    <message>
        <source>{sid}: received about other results (stale): {text}</source>
        <translation>{sid}：已收到，但针对其他评审结果（已过期）：{text}</translation>
    </message>
    <message>
        <source>{sid}: received: {text}</source>
        <translation>{sid}：已收到：{text}</translation>
    </message>
</context>
<context>
    <name>MenuCommands</name>
    <message>
        <source>Open package or session</source>
        <translation>打开批次包或会话</translation>
    </message>
    <message>
        <source>Batch packages and sessions (*.esbatch *.zip *.esession);;All files (*)</source>
        <translation>批次包和会话 (*.esbatch *.zip *.esession);;所有文件 (*)</translation>
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
    <name>MergeDialog</name>
    <message>
        <source>Merge result files</source>
        <translation>合并结果文件</translation>
    </message>
    <message>
        <source>Batch package</source>
        <translation>批次包</translation>
    </message>
    <message>
        <source>Batch packages ({patterns})</source>
        <translation>批次包 ({patterns})</translation>
    </message>
    <message>
        <source>Merge folder</source>
        <translation>合并文件夹</translation>
    </message>
    <message>
        <source>Result files</source>
        <translation>结果文件</translation>
    </message>
    <message>
        <source>Result files (*.esresult);;All files (*)</source>
        <translation>结果文件 (*.esresult);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Key cards</source>
        <translation>密钥卡</translation>
    </message>
    <message>
        <source>Key cards (*.eskeycard);;All files (*)</source>
        <translation>密钥卡 (*.eskeycard);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the result files, then preview the merge.</source>
        <translation>请选择结果文件，然后预览合并。</translation>
    </message>
    <message>
        <source>Preview (dry run)</source>
        <translation>预览（试运行）</translation>
    </message>
    <message>
        <source>Confirm key…</source>
        <translation>核对密钥…</translation>
    </message>
    <message>
        <source>Accept the key of the selected refused file after checking the paper sheet</source>
        <translation>对照纸质评分表核对后，接受所选拒收文件的密钥</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>执行合并</translation>
    </message>
    <message>
        <source>Batch package:</source>
        <translation>批次包：</translation>
    </message>
    <message>
        <source>Merge folder:</source>
        <translation>合并文件夹：</translation>
    </message>
    <message>
        <source>Result files:</source>
        <translation>结果文件：</translation>
    </message>
    <message>
        <source>Key cards:</source>
        <translation>密钥卡：</translation>
    </message>
    <message>
        <source>Key cards are needed only for experts whose key the batch roster does not pin.</source>
        <translation>只有批次专家名单未登记密钥的专家才需要密钥卡。</translation>
    </message>
    <message>
        <source>The choice changed: preview the merge again.</source>
        <translation>选择已改变：请重新预览合并。</translation>
    </message>
    <message>
        <source>Checking the files…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <source>Checking the result files…</source>
        <translation>正在检查结果文件…</translation>
    </message>
    <message>
        <source>Dry run: {counts}. Nothing has been written yet; Apply merges.</source>
        <translation>试运行：{counts}。尚未写入任何内容；点击“执行合并”才会合并。</translation>
    </message>
    <message>
        <source>Merged into {folder}: {counts}.</source>
        <translation>已合并到 {folder}：{counts}。</translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>正在合并…</translation>
    </message>
</context>
<context>
    <name>MergePreviewModel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>Result no.</source>
        <translation>结果版次</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>{outcome} ({count})</source>
        <translation>{outcome}（{count}）</translation>
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
    <name>NewPassphraseFields</name>
    <message>
        <source>&amp;Encrypt the session file with a passphrase</source>
        <translation>用口令加密会话文件(&amp;E)</translation>
    </message>
    <message>
        <source>Opening the session asks for it; nobody can recover it. Without encryption anyone who has the file can read the operators&apos; data.</source>
        <translation>打开会话时需输入口令；口令遗失无法找回。不加密时，任何拿到文件的人都能读取运营方的数据。</translation>
    </message>
    <message>
        <source>Pass&amp;phrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>Repeat &amp;it:</source>
        <translation>再输一次(&amp;I)：</translation>
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
        <source>The passphrases match.</source>
        <translation>两次输入的口令一致。</translation>
    </message>
</context>
<context>
    <name>NewRoleKeyDialog</name>
    <message>
        <source>New organizer key</source>
        <translation>新建组织方密钥</translation>
    </message>
    <message>
        <source>The batch package is signed with this key. It is an organizer key: it can never be on a panel&apos;s roster. Keep the passphrase safe; it cannot be recovered.</source>
        <translation>批次包将用此密钥签名。这是组织方密钥，不能出现在任何专家名单中。请妥善保管口令，口令遗失无法找回。</translation>
    </message>
    <message>
        <source>New chair key</source>
        <translation>新建评审组长密钥</translation>
    </message>
    <message>
        <source>The panel&apos;s results are signed with this key, and files encrypted to the chair are opened with it. It is a chair key: it can never sign an expert&apos;s scores. Keep the passphrase safe; it cannot be recovered.</source>
        <translation>专家组结果将用此密钥签名，加密给评审组长的文件也用它打开。这是评审组长密钥，不能用于签署专家评分。请妥善保管口令，口令遗失无法找回。</translation>
    </message>
    <message>
        <source>Key &amp;id:</source>
        <translation>密钥编号(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Signs as:</source>
        <translation>签名名称(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>Passphrase &amp;again:</source>
        <translation>再次输入口令(&amp;A)：</translation>
    </message>
    <message>
        <source>Key &amp;card to:</source>
        <translation>密钥卡保存到(&amp;C)：</translation>
    </message>
    <message>
        <source>Make the key</source>
        <translation>生成密钥</translation>
    </message>
    <message>
        <source>A passphrase needs at least {count} characters.</source>
        <translation>口令至少需要 {count} 个字符。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <source>Say where the key card goes.</source>
        <translation>请指定密钥卡的保存位置。</translation>
    </message>
</context>
<context>
    <name>NotesFlow</name>
    <message>
        <source>The chair&apos;s &amp;request…</source>
        <translation>组长的请求(&amp;R)…</translation>
    </message>
    <message>
        <source>The chair&apos;s request</source>
        <translation>组长的请求</translation>
    </message>
    <message>
        <source>Requests (*.json);;All files (*)</source>
        <translation>请求文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Your signing key is not on this computer: the notes to the chair are signed with it. Submit your scores first (it is made then), or copy your key file here.</source>
        <translation>本机没有您的签名密钥：给组长的说明和意见须用它签名。请先提交评分（届时生成密钥），或将您的密钥文件复制到本机。</translation>
    </message>
    <message>
        <source>Signed for the chair: {files}</source>
        <translation>已签名，交组长：{files}</translation>
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
    <name>OpenMergeDialog</name>
    <message>
        <source>Open a merge</source>
        <translation>打开合并</translation>
    </message>
    <message>
        <source>Merge folder</source>
        <translation>合并文件夹</translation>
    </message>
    <message>
        <source>Batch package</source>
        <translation>批次包</translation>
    </message>
    <message>
        <source>Batch packages ({patterns})</source>
        <translation>批次包 ({patterns})</translation>
    </message>
    <message>
        <source>Key cards</source>
        <translation>密钥卡</translation>
    </message>
    <message>
        <source>Key cards (*.eskeycard);;All files (*)</source>
        <translation>密钥卡 (*.eskeycard);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Merge folder:</source>
        <translation>合并文件夹：</translation>
    </message>
    <message>
        <source>Batch package:</source>
        <translation>批次包：</translation>
    </message>
    <message>
        <source>Key cards:</source>
        <translation>密钥卡：</translation>
    </message>
    <message>
        <source>Key cards are needed only for experts whose key the batch roster does not pin.</source>
        <translation>只有批次专家名单未登记密钥的专家才需要密钥卡。</translation>
    </message>
</context>
<context>
    <name>Opener</name>
    <message>
        <source>{path}: no such file</source>
        <translation>{path}：文件不存在</translation>
    </message>
    <message>
        <source>{path} is encrypted to the panel, and no key on this computer can open it (a key made before encryption first needs “expertscore key add-recipient”).</source>
        <translation>{path} 已加密给评审组，本机没有能打开它的密钥（加密功能之前生成的密钥须先执行“expertscore key add-recipient”）。</translation>
    </message>
    <message>
        <source>{path} is encrypted to the panel. Type the passphrase of your key to open it.</source>
        <translation>{path} 已加密给评审组。请输入您密钥的口令以打开它。</translation>
    </message>
    <message>
        <source>Checking the package…</source>
        <translation>正在校验批次包…</translation>
    </message>
    <message>
        <source>{path}: encrypted to the panel, opened with your key.</source>
        <translation>{path}：加密批次包，已用您的密钥打开。</translation>
    </message>
    <message>
        <source>{path}: a plain package (not encrypted).</source>
        <translation>{path}：未加密的批次包。</translation>
    </message>
    <message>
        <source>Warning: {path} is not signed: nothing shows that {organizer} made it.</source>
        <translation>警告：{path} 没有签名，无法证明它由 {organizer} 制作。</translation>
    </message>
    <message>
        <source>Importing the batch into your session…</source>
        <translation>正在导入批次到您的评分会话…</translation>
    </message>
    <message>
        <source>this copy is signed by key {key}</source>
        <translation>这一份由密钥 {key} 签名</translation>
    </message>
    <message>
        <source>this copy is not signed</source>
        <translation>这一份没有签名</translation>
    </message>
    <message>
        <source>{path}: batch {batch} of {organizer} was signed by key {known} when first opened here ({when}); {now}. Ask the organizer before you use it.</source>
        <translation>{path}：{organizer} 的批次 {batch} 在本机首次打开时（{when}）由密钥 {known} 签名；{now}。使用前请向组织方核实。</translation>
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
    <name>OrganizerWindow</name>
    <message>
        <source>ExpertScore {version} — prepare a review round</source>
        <translation>ExpertScore {version} — 准备评审轮次</translation>
    </message>
    <message>
        <source>1 Source</source>
        <translation>1 申报数据</translation>
    </message>
    <message>
        <source>2 Roster</source>
        <translation>2 专家名单</translation>
    </message>
    <message>
        <source>3 Organizer-set values</source>
        <translation>3 组织方设定值</translation>
    </message>
    <message>
        <source>4 Assignments</source>
        <translation>4 评审分配</translation>
    </message>
    <message>
        <source>5 Sign and export</source>
        <translation>5 签名导出</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>登记库</translation>
    </message>
    <message>
        <source>Prepare a review round</source>
        <translation>准备评审轮次</translation>
    </message>
    <message>
        <source>Reading {source}…</source>
        <translation>正在读取 {source}…</translation>
    </message>
    <message>
        <source>Reading the authority&apos;s export…</source>
        <translation>正在读取主管部门导出的数据…</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; ({batch}), from {organizer}: {submissions} submissions, {evidence} evidence files; scheme {scheme} {version}. The aggregation policy needs {needed} experts on every indicator.</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt;（{batch}），来自{organizer}：{submissions} 个申报，{evidence} 个证明材料；评估方案 {scheme} {version}。汇总规则要求每个指标有 {needed} 位专家评分。</translation>
    </message>
    <message>
        <source>ExpertScore {version} — prepare a review round — {title}</source>
        <translation>ExpertScore {version} — 准备评审轮次 — {title}</translation>
    </message>
    <message>
        <source>Key cards</source>
        <translation>密钥卡</translation>
    </message>
    <message>
        <source>Key cards (*.eskeycard);;All files (*)</source>
        <translation>密钥卡 (*.eskeycard);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{path}: {expert} is an organizer&apos;s key card, not an expert&apos;s.</source>
        <translation>{path}：{expert} 是组织方的密钥卡，不是专家的。</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>专家名单</translation>
    </message>
    <message>
        <source>Rosters (*.json);;All files (*)</source>
        <translation>专家名单 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Rosters (*.json)</source>
        <translation>专家名单 (*.json)</translation>
    </message>
    <message>
        <source>Roster saved: {path}</source>
        <translation>专家名单已保存：{path}</translation>
    </message>
    <message>
        <source>The hand changes no longer fit the new plan and were undone.</source>
        <translation>手动调整与新的分配方案不再相容，已撤销。</translation>
    </message>
    <message>
        <source>{submission} now asks for {count} experts.</source>
        <translation>{submission} 现需 {count} 位专家。</translation>
    </message>
    <message>
        <source>{assignments} assignments; {low}–{high} submissions per expert; {conflicts} conflicts of interest kept apart; {hand} changed by hand.</source>
        <translation>共 {assignments} 项分配；每位专家 {low}–{high} 个申报；已避开 {conflicts} 处利益冲突；手动调整 {hand} 处。</translation>
    </message>
    <message>
        <source>Cannot export yet: {problem}</source>
        <translation>暂不能导出：{problem}</translation>
    </message>
    <message>
        <source>The package will hold {submissions} submissions, {experts} experts ({keys} with a pinned key), {assignments} assignments, {values} organizer-set values and {conflicts} conflicts of interest.</source>
        <translation>批次包将包含 {submissions} 个申报、{experts} 位专家（{keys} 位已登记密钥）、{assignments} 项分配、{values} 个组织方设定值和 {conflicts} 处利益冲突。</translation>
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
    <name>OverrideDialog</name>
    <message>
        <source>Agreed panel score</source>
        <translation>组长认定分</translation>
    </message>
    <message>
        <source>0 to {maximum}</source>
        <translation>0 至 {maximum}</translation>
    </message>
    <message>
        <source>Choose the cause (87号令 art. 64)…</source>
        <translation>请选择修正原因（87号令第六十四条）…</translation>
    </message>
    <message>
        <source>What the panel agreed and why</source>
        <translation>评审组商定的结果及理由</translation>
    </message>
    <message>
        <source>Submission:</source>
        <translation>申报：</translation>
    </message>
    <message>
        <source>Indicator:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <source>Experts&apos; scores:</source>
        <translation>专家评分：</translation>
    </message>
    <message>
        <source>Computed panel score:</source>
        <translation>计算得分：</translation>
    </message>
    <message>
        <source>Agreed score:</source>
        <translation>认定分：</translation>
    </message>
    <message>
        <source>Cause:</source>
        <translation>修正原因：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>The agreed score replaces the computed panel score in every total; the experts&apos; own scores stay visible. It is recorded in the audit log.</source>
        <translation>认定分在所有合计中取代计算得分；专家本人的评分仍然可见。此决定记入审计日志。</translation>
    </message>
</context>
<context>
    <name>PanelEntries</name>
    <message>
        <source>New &amp;merge (panel chair)…</source>
        <translation>新建合并（评审组长）(&amp;M)…</translation>
    </message>
    <message>
        <source>Open merge (panel &amp;chair)…</source>
        <translation>打开合并（评审组长）(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Prepare a review round…</source>
        <translation>准备评审轮次(&amp;P)…</translation>
    </message>
</context>
<context>
    <name>PanelExportDialog</name>
    <message>
        <source>Encrypt the panel file to the &amp;authority</source>
        <translation>将评审组结果文件加密给主管部门(&amp;A)</translation>
    </message>
</context>
<context>
    <name>PanelQualityTab</name>
    <message>
        <source>Advice only: the official totals, grades and ranking follow the scheme and do not change with what is shown here.</source>
        <translation>仅供参考：正式总分、等级与排名按评分方案计算，不因此处所示内容而改变。</translation>
    </message>
    <message>
        <source>Panel quality (advice)</source>
        <translation>专家组一致性（参考）</translation>
    </message>
</context>
<context>
    <name>PaperStatementDialog</name>
    <message>
        <source>Paper statement</source>
        <translation>纸质意见</translation>
    </message>
    <message>
        <source>Agrees</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Dissents</source>
        <translation>不同意</translation>
    </message>
    <message>
        <source>The reasons as written (needed for a dissent)</source>
        <translation>按原文填写理由（不同意时必填）</translation>
    </message>
    <message>
        <source>Member:</source>
        <translation>成员：</translation>
    </message>
    <message>
        <source>Statement:</source>
        <translation>意见：</translation>
    </message>
    <message>
        <source>Reasons:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>Typed in by:</source>
        <translation>录入人：</translation>
    </message>
    <message>
        <source>The statement is kept with the merge folder, marked as typed in from paper.</source>
        <translation>该意见保存在合并文件夹中，并注明为据纸质意见录入。</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Sign with your key</source>
        <translation>用您的密钥签名</translation>
    </message>
    <message>
        <source>Do not sign</source>
        <translation>不签名</translation>
    </message>
    <message>
        <source>&amp;New chair key…</source>
        <translation>新建评审组长密钥(&amp;N)…</translation>
    </message>
    <message>
        <source>There is no chair&apos;s key on this computer yet: make one with New chair key.</source>
        <translation>本机还没有评审组长的密钥：请点“新建评审组长密钥”生成一个。</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>There is no key on this computer. Make one with “expertscore key new --expert ID --name NAME”.</source>
        <translation>本机没有密钥。请用“expertscore key new --expert ID --name NAME”生成。</translation>
    </message>
    <message>
        <source>Unlock and sign</source>
        <translation>解锁并签名</translation>
    </message>
    <message>
        <source>Key made; its key card is in {card}: give it to the organizer and the experts. Type the key&apos;s passphrase to sign.</source>
        <translation>密钥已生成，密钥卡保存在 {card}：请交给组织方和各位专家。输入该密钥的口令即可签名。</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>正在解锁…</translation>
    </message>
    <message>
        <source>The passphrase does not open this key.</source>
        <translation>口令无法打开此密钥。</translation>
    </message>
</context>
<context>
    <name>PathField</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
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
    <name>ProfileChart</name>
    <message>
        <source>First-level profile</source>
        <translation>一级指标得分率</translation>
    </message>
    <message>
        <source>First-level profile (% of the attainable points)</source>
        <translation>一级指标得分率（占可得分的百分比）</translation>
    </message>
    <message>
        <source>% of the attainable points</source>
        <translation>得分率 %</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RankingModel</name>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Score %</source>
        <translation>得分率 %</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Experts</source>
        <translation>专家数</translation>
    </message>
    <message>
        <source>Open flags</source>
        <translation>未解决提示</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>{rank} in {category}</source>
        <translation>{category}第 {rank} 名</translation>
    </message>
    <message>
        <source>{expert} received</source>
        <translation>{expert} 已收到</translation>
    </message>
    <message>
        <source>{expert} missing</source>
        <translation>{expert} 未收到</translation>
    </message>
    <message>
        <source>explanations needed: {experts}</source>
        <translation>需说明：{experts}</translation>
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
        <source>&amp;I understand that this cannot be undone</source>
        <translation>我了解此操作无法撤销(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
    <message>
        <source>Recuse</source>
        <translation>回避</translation>
    </message>
</context>
<context>
    <name>RegistryPage</name>
    <message>
        <source>sqlite:///FILE or postgresql+psycopg://USER@HOST/DB</source>
        <translation>sqlite:///文件 或 postgresql+psycopg://用户@主机/数据库</translation>
    </message>
    <message>
        <source>Open the registry</source>
        <translation>打开登记库</translation>
    </message>
    <message>
        <source>Platforms&apos; rounds</source>
        <translation>平台历次评审</translation>
    </message>
    <message>
        <source>Experts&apos; records</source>
        <translation>专家履职记录</translation>
    </message>
    <message>
        <source>Panel files</source>
        <translation>评审组结果文件</translation>
    </message>
    <message>
        <source>Registry:</source>
        <translation>登记库：</translation>
    </message>
    <message>
        <source>Reading the registry…</source>
        <translation>正在读取登记库…</translation>
    </message>
    <message>
        <source>{files} panel files, {platforms} platforms&apos; rounds, {experts} experts</source>
        <translation>{files} 个评审组结果文件，{platforms} 条平台评审记录，{experts} 位专家</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>运营单位</translation>
    </message>
    <message>
        <source>Round date</source>
        <translation>评审日期</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>评估方案</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Score rate</source>
        <translation>得分率</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Grade changed</source>
        <translation>等级变化</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>参评次数</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>分配</translation>
    </message>
    <message>
        <source>Scored</source>
        <translation>已评</translation>
    </message>
    <message>
        <source>Recusals</source>
        <translation>回避</translation>
    </message>
    <message>
        <source>Explanations asked</source>
        <translation>被要求说明</translation>
    </message>
    <message>
        <source>Second rounds</source>
        <translation>复评</translation>
    </message>
    <message>
        <source>Results missing</source>
        <translation>缺少结果</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>组长</translation>
    </message>
    <message>
        <source>Chair&apos;s key</source>
        <translation>组长密钥</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核验方式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>Declared conflicts</source>
        <translation>申报的利益冲突</translation>
    </message>
    <message>
        <source>Submission ids or operator names, separated by commas</source>
        <translation>申报编号或申报单位名称，用逗号分隔</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>无密钥</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>Add key cards…</source>
        <translation>添加密钥卡…</translation>
    </message>
    <message>
        <source>Remove expert</source>
        <translation>移除专家</translation>
    </message>
    <message>
        <source>Open roster…</source>
        <translation>打开专家名单…</translation>
    </message>
    <message>
        <source>Save roster…</source>
        <translation>保存专家名单…</translation>
    </message>
    <message>
        <source>Each expert&apos;s key card pins their key in the package, so only they can sign their results. Role and declared conflicts (submission ids or operator names) can be edited in the table.</source>
        <translation>每位专家的密钥卡会把其密钥登记到批次包中，只有本人才能签署其评分结果。类别和申报的利益冲突（申报编号或申报单位名称）可在表格中编辑。</translation>
    </message>
</context>
<context>
    <name>RoundDialog</name>
    <message>
        <source>Second round</source>
        <translation>第二轮评分</translation>
    </message>
    <message>
        <source>What the experts should look at again</source>
        <translation>请专家重新审看的内容</translation>
    </message>
    <message>
        <source>Experts:</source>
        <translation>专家：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>{indicator} of {submission} goes to a second scoring round for the checked experts. Their second-round scores replace their first ones once merged.</source>
        <translation>{submission} 的 {indicator} 将由勾选的专家进行第二轮评分。合并后，第二轮评分取代其第一轮评分。</translation>
    </message>
    <message>
        <source>Say what the experts should look at.</source>
        <translation>请说明需要专家重新审看的内容。</translation>
    </message>
</context>
<context>
    <name>ScoringForm</name>
    <message>
        <source>Declare conflict of interest…</source>
        <translation>声明利益冲突…</translation>
    </message>
    <message>
        <source>In&amp;dicator</source>
        <translation>指标(&amp;D)</translation>
    </message>
    <message>
        <source>Submission &amp;opinion</source>
        <translation>总体意见(&amp;O)</translation>
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
        <source>Recused: nothing typed here is saved. This submission cannot be scored.</source>
        <translation>已回避：此处输入的内容不会保存。本申报不能评分。</translation>
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
        <source>Save the score and go to the next indicator&apos;s score</source>
        <translation>保存评分并转到下一指标的评分</translation>
    </message>
    <message>
        <source>Next / previous field of the indicator (score, verified value, comment, pins)</source>
        <translation>本指标的下一个/上一个字段（评分、核实值、评语、佐证）</translation>
    </message>
    <message>
        <source>Save the comment and go to the next indicator&apos;s score</source>
        <translation>保存评语并转到下一指标的评分</translation>
    </message>
    <message>
        <source>Go to score / verified value / comment / pins</source>
        <translation>转到评分 / 核实值 / 评语 / 佐证</translation>
    </message>
    <message>
        <source>The submission opinion (overall comment, familiarity, category) / back</source>
        <translation>总体意见（总体评语、熟悉程度、类别）／返回指标</translation>
    </message>
    <message>
        <source>In the search: go to the submission found / clear the search</source>
        <translation>在搜索框中：转到找到的申报 / 清除搜索</translation>
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
</context>
<context>
    <name>ShortfallList</name>
    <message>
        <source>experts of role {role}</source>
        <translation>位“{role}”专家</translation>
    </message>
    <message>
        <source>experts</source>
        <translation>位专家</translation>
    </message>
    <message>
        <source>{submission} {platform}: only {free} {pool} free of conflicts, {wanted} asked for.</source>
        <translation>{submission} {platform}：只有 {free} {pool}无利益冲突，需要 {wanted} 位。</translation>
    </message>
    <message>
        <source>Ask {count} for {submission}</source>
        <translation>{submission} 改为 {count} 位专家</translation>
    </message>
    <message>
        <source>Add an expert of role {role}…</source>
        <translation>添加“{role}”专家…</translation>
    </message>
    <message>
        <source>Add an expert…</source>
        <translation>添加专家…</translation>
    </message>
    <message>
        <source>Review {expert}&apos;s conflict</source>
        <translation>核查 {expert} 的利益冲突</translation>
    </message>
</context>
<context>
    <name>SignPanel</name>
    <message>
        <source>New organizer key…</source>
        <translation>新建组织方密钥…</translation>
    </message>
    <message>
        <source>the passphrase of the organizer key</source>
        <translation>组织方密钥的口令</translation>
    </message>
    <message>
        <source>no organizer key on this computer: make one</source>
        <translation>本机没有组织方密钥：请新建</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>The authority&apos;s package or Excel form</source>
        <translation>主管部门的批次包或 Excel 表单</translation>
    </message>
    <message>
        <source>Packages and Excel forms (*.esbatch *.zip *.xlsx *.xlsm);;All files (*)</source>
        <translation>批次包和 Excel 表单 (*.esbatch *.zip *.xlsx *.xlsm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Evidence folder</source>
        <translation>证明材料文件夹</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open the authority&apos;s batch package, or its Excel form with its evidence.</source>
        <translation>请打开主管部门的批次包，或其 Excel 表单及证明材料。</translation>
    </message>
    <message>
        <source>Package or Excel form:</source>
        <translation>批次包或 Excel 表单：</translation>
    </message>
    <message>
        <source>Evidence folder (Excel form):</source>
        <translation>证明材料文件夹（Excel 表单）：</translation>
    </message>
    <message>
        <source>Scheme (Excel form):</source>
        <translation>评估方案（Excel 表单）：</translation>
    </message>
</context>
<context>
    <name>StepBar</name>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>{view}: read only, not a step of the round.</source>
        <translation>{view}：只读，不是本轮的步骤。</translation>
    </message>
    <message>
        <source>{step} still needs: {missing}</source>
        <translation>{step}尚需：{missing}</translation>
    </message>
    <message>
        <source>{step}: done.</source>
        <translation>{step}：已完成。</translation>
    </message>
</context>
<context>
    <name>SubmissionListModel</name>
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
        <source>Familiarity:</source>
        <translation>熟悉程度：</translation>
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
    <message>
        <source>No submission matches “{text}”. Esc clears the search.</source>
        <translation>没有与“{text}”匹配的申报。按 Esc 清除搜索。</translation>
    </message>
    <message>
        <source>No submission in this state.</source>
        <translation>没有处于此状态的申报。</translation>
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
        <source>Encrypt the result file to the &amp;chair</source>
        <translation>将结果文件加密给评审组组长(&amp;C)</translation>
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
        <source>Save the result file again</source>
        <translation>再次保存结果文件</translation>
    </message>
    <message>
        <source>Result files (*.esresult)</source>
        <translation>结果文件 (*.esresult)</translation>
    </message>
    <message>
        <source>Encrypt the result file to the &amp;chair</source>
        <translation>将结果文件加密给评审组组长(&amp;C)</translation>
    </message>
    <message>
        <source>Result {sequence} written again to {path}</source>
        <translation>第 {sequence} 次结果已再次写入 {path}</translation>
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
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>UnlockForm</name>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Session:</source>
        <translation>会话：</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>Wrong passphrase; nothing was changed. Try again.</source>
        <translation>口令错误；未作任何改动。请重试。</translation>
    </message>
</context>
<context>
    <name>UnlockSessionDialog</name>
    <message>
        <source>Open the encrypted session</source>
        <translation>打开加密会话</translation>
    </message>
    <message>
        <source>This session is encrypted. Type its passphrase to open it.</source>
        <translation>此会话已加密。输入口令以打开。</translation>
    </message>
</context>
<context>
    <name>ValuesModel</name>
    <message>
        <source>Value</source>
        <translation>设定项</translation>
    </message>
    <message>
        <source>The guide says</source>
        <translation>指南说明</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Value for this round</source>
        <translation>本轮取值</translation>
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
        <source>Cap</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Band points</source>
        <translation>档位分值</translation>
    </message>
    <message>
        <source>Share of points</source>
        <translation>得分比例</translation>
    </message>
</context>
<context>
    <name>ValuesPage</name>
    <message>
        <source>e.g. 评审处</source>
        <translation>如：评审处</translation>
    </message>
    <message>
        <source>Set by:</source>
        <translation>设定人：</translation>
    </message>
    <message>
        <source>The numbers the guide leaves open, with the scheme&apos;s defaults. The scheme rules are checked as you type (weights must add up to their parent).</source>
        <translation>评估指南未规定、由组织方设定的数值及方案默认值。输入时即按方案规则检查（下级权重之和须等于上级权重）。</translation>
    </message>
</context>
<context>
    <name>VerifiedValueDialog</name>
    <message>
        <source>The panel&apos;s verified value</source>
        <translation>专家组核实值</translation>
    </message>
    <message>
        <source>Submission:</source>
        <translation>申报：</translation>
    </message>
    <message>
        <source>Indicator:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <source>Values given:</source>
        <translation>专家给出的值：</translation>
    </message>
    <message>
        <source>Verified value:</source>
        <translation>核实值：</translation>
    </message>
    <message>
        <source>Recorded by:</source>
        <translation>记录人：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>The value the panel agreed for the reported value resolves the re-verify flag; the experts&apos; scores stay as they are. It is recorded in the audit log.</source>
        <translation>专家组对申报值议定的核实值将解决“需复核”提示；专家评分保持不变。该决定记入审计日志。</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
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
</context>
<context>
    <name>WindowGuide</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open the authority&apos;s export…</source>
        <translation>打开主管部门导出的数据(&amp;O)…</translation>
    </message>
    <message>
        <source>Add &amp;key cards…</source>
        <translation>添加密钥卡(&amp;K)…</translation>
    </message>
    <message>
        <source>Open &amp;roster…</source>
        <translation>打开专家名单(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Save roster…</source>
        <translation>保存专家名单(&amp;S)…</translation>
    </message>
    <message>
        <source>Sign and &amp;export</source>
        <translation>签名并导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>The &amp;steps of a round</source>
        <translation>评审准备步骤(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;About ExpertScore</source>
        <translation>关于 ExpertScore(&amp;A)</translation>
    </message>
    <message>
        <source>The steps of a round</source>
        <translation>评审准备步骤</translation>
    </message>
    <message>
        <source>1 Source: open the authority&apos;s package, or its Excel form with the evidence folder.
2 Roster: add the experts&apos; key cards; set roles and declared conflicts.
3 Organizer-set values: the numbers the guide leaves open.
4 Assignments: who scores what; a submission that cannot be assigned is listed with its ways out.
5 Sign and export: confirm the organizer&apos;s name and the round&apos;s batch id, sign with an organizer key (never an expert&apos;s).
Back and Next (Alt+B, Alt+N) go through the steps.</source>
        <translation>1 申报数据：打开主管部门的批次包，或 Excel 申报表及其证明材料文件夹。
2 专家名单：添加专家的密钥卡，设置专业类别和申报的利益冲突。
3 组织方设定值：指南未确定的数值。
4 评审分配：谁评哪个申报；无法分配的申报会列出解决办法。
5 签名导出：确认组织方名称和本轮批次编号，用组织方密钥签名（不能用专家的密钥）。
“上一步”“下一步”（Alt+B、Alt+N）在各步骤间切换。</translation>
    </message>
    <message>
        <source>About ExpertScore</source>
        <translation>关于 ExpertScore</translation>
    </message>
    <message>
        <source>ExpertScore {version}: offline expert scoring of industrial internet platforms.</source>
        <translation>ExpertScore {version}：工业互联网平台离线专家评分。</translation>
    </message>
    <message>
        <source>open the authority&apos;s export</source>
        <translation>打开主管部门导出的数据</translation>
    </message>
    <message>
        <source>add the experts&apos; key cards</source>
        <translation>添加专家的密钥卡</translation>
    </message>
    <message>
        <source>{count} submissions cannot be assigned: see the ways out</source>
        <translation>{count} 个申报无法分配：见下方的解决办法</translation>
    </message>
    <message>
        <source>Add an expert with role {role} from a key card, then set the role.</source>
        <translation>请从密钥卡添加一位“{role}”专家，并设置其专业类别。</translation>
    </message>
    <message>
        <source>Add an expert from a key card.</source>
        <translation>请从密钥卡添加一位专家。</translation>
    </message>
    <message>
        <source>Set the role {role} of the expert added (F2).</source>
        <translation>请为新增的专家设置角色 {role}（按 F2）。</translation>
    </message>
    <message>
        <source>{expert} is kept apart from {submission}: {reason}.</source>
        <translation>{expert} 回避 {submission}：{reason}。</translation>
    </message>
</context>
<context>
    <name>WithdrawOverrideDialog</name>
    <message>
        <source>Withdraw the agreed score</source>
        <translation>撤回认定分</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>{indicator} of {submission}: the computed panel score counts again.</source>
        <translation>{submission} 的 {indicator}：重新采用计算得分。</translation>
    </message>
    <message>
        <source>Say why the agreed score is withdrawn.</source>
        <translation>请说明撤回认定分的理由。</translation>
    </message>
</context>
</TS>
